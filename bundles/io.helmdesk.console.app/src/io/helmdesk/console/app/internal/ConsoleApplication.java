package io.helmdesk.console.app.internal;

import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.console.client.api.ServerClient;

/**
 * The console's entry point, run by Equinox on the main thread. Command line: {@code -server <address>} checks
 * that server at once; otherwise the address used last time is offered.
 */
public class ConsoleApplication implements IApplication {

    private static final long SERVICE_TIMEOUT_MILLIS = 30_000;

    private final Logger logger = LoggerFactory.getLogger(ConsoleApplication.class);

    @Override
    public Object start(IApplicationContext context) throws Exception {
        List<String> arguments = Arrays
                .asList((String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS));
        Display.setAppName("Helmdesk Console");
        Display display = new Display();
        ServiceTracker<ServerClient, ServerClient> clients = new ServiceTracker<>(bundleContext(), ServerClient.class,
                null);
        clients.open();
        try {
            ServerClient client = clients.waitForService(SERVICE_TIMEOUT_MILLIS);
            if (client == null) {
                logger.error("The console's server client did not start within {} s", SERVICE_TIMEOUT_MILLIS / 1000);
                return Integer.valueOf(1);
            }
            ConsolePreferences preferences = new ConsolePreferences(
                    InstanceScope.INSTANCE.getNode("io.helmdesk.console"));
            int flag = arguments.indexOf("-server");
            String server = flag >= 0 && flag + 1 < arguments.size() ? arguments.get(flag + 1) : null;
            ServerHealthWindow window = new ServerHealthWindow(client, preferences, server);
            window.setBlockOnOpen(true);
            context.applicationRunning();
            window.open();
            return EXIT_OK;
        } finally {
            clients.close();
            display.dispose();
        }
    }

    @Override
    public void stop() {
        Display display = Display.getDefault();
        if (!display.isDisposed()) {
            display.syncExec(() -> {
                for (var shell : display.getShells()) {
                    shell.close();
                }
            });
        }
    }

    private static BundleContext bundleContext() {
        return FrameworkUtil.getBundle(ConsoleApplication.class).getBundleContext();
    }
}
