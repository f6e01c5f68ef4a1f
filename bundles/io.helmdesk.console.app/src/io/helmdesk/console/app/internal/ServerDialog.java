package io.helmdesk.console.app.internal;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

import io.helmdesk.console.client.api.ServerException;

/**
 * A dialog whose changes are made on the server at once: it has only a Close button, runs each server call in a job
 * and shows a refusal in the server's own words. The one way the console's dialogs talk to the server.
 */
abstract class ServerDialog extends TitleAreaDialog {

    /** A call to the server, made in the background. */
    @FunctionalInterface
    interface ServerCall {

        void run() throws ServerException;
    }

    private final String jobName;

    ServerDialog(Shell parent, String jobName) {
        super(parent);
        this.jobName = jobName;
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        }
    }

    /** Runs a server call in a job; on success runs the update in the UI thread, on failure shows the reason. */
    void inBackground(ServerCall call, Runnable onSuccess) {
        setErrorMessage(null);
        Job.create(jobName, monitor -> {
            try {
                call.run();
                Ui.later(getShell(), onSuccess);
            } catch (ServerException e) {
                Ui.later(getShell(), () -> setErrorMessage(e.getMessage()));
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    /** The same, for a call that updates the dialog itself when it is done. */
    void inBackground(ServerCall call) {
        inBackground(call, () -> {
        });
    }
}
