package io.helmdesk.console.app.internal;

import org.eclipse.swt.widgets.Shell;

/** Getting back to the UI thread from background work, safely for windows closed meanwhile. */
final class Ui {

    private Ui() {
    }

    /** Runs the update in the UI thread later, unless the window is gone by then. */
    static void later(Shell shell, Runnable update) {
        if (shell != null && !shell.isDisposed()) {
            shell.getDisplay().asyncExec(() -> {
                if (!shell.isDisposed()) {
                    update.run();
                }
            });
        }
    }
}
