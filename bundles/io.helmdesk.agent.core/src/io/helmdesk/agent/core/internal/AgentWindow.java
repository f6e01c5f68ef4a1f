package io.helmdesk.agent.core.internal;

import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.Tray;
import org.eclipse.swt.widgets.TrayItem;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.agent.api.AgentDisplay;
import io.helmdesk.agent.core.internal.PlatformReport.DisplayInfo;

/**
 * The agent's small window (DEV-1), on a UI thread of its own: a tab folder whose "Permanent access" tab shows whose
 * computer this is and lets a person sign in to add it to their account. Closing the window hides it (the agent runs
 * on; the tray icon, where the desktop has a tray, shows it again). A computer without a graphical session, or with
 * {@code window = false}, runs without it. Deactivation ends the event loop and disposes the display on its thread.
 */
@Component(immediate = true, configurationPid = AgentConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class AgentWindow {

    static final String TITLE = "Helmdesk";
    private static final long CLOSE_MILLIS = 10_000;
    private static final long WAKE_MILLIS = 200;

    private final Logger logger = LoggerFactory.getLogger(AgentWindow.class);
    private final BundleContext context;
    private final AgentLink link;
    private final Thread ui;
    private volatile boolean closing;
    private volatile Display display;
    private volatile AgentLink.Listener listener;

    @Activate
    public AgentWindow(BundleContext context, @Reference AgentLink link, AgentConfiguration configuration) {
        this.context = context;
        this.link = link;
        String without = withoutWindow(configuration);
        if (without != null) {
            logger.info("No window: {}", without);
            this.ui = null;
            return;
        }
        Optional<ServerUrl> url;
        try {
            url = ServerUrl.parse(configuration.server_url());
        } catch (IllegalArgumentException e) {
            url = Optional.empty(); // AgentStartup reports it and stops the agent
        }
        Optional<ServerUrl> server = url;
        this.ui = Thread.ofPlatform().name("helmdesk-agent-window").daemon().unstarted(() -> run(server));
        ui.start();
    }

    @Deactivate
    void close() {
        closing = true;
        if (ui == null) {
            return;
        }
        // Woken again until it ends: one wake can land between the loop's check and its sleep.
        long deadline = System.nanoTime() + CLOSE_MILLIS * 1_000_000;
        try {
            while (ui.isAlive() && System.nanoTime() < deadline) {
                Display current = display;
                if (current != null) {
                    try {
                        current.wake();
                    } catch (SWTException disposed) {
                        // the loop has ended already
                    }
                }
                ui.join(WAKE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ui.isAlive()) {
            // Where it waits says why: the stack goes with the warning.
            StringBuilder stack = new StringBuilder();
            for (StackTraceElement frame : ui.getStackTrace()) {
                stack.append("\n\tat ").append(frame);
            }
            logger.warn("The window's thread did not end within {} ms; it is at:{}", CLOSE_MILLIS, stack);
        }
    }

    private static String withoutWindow(AgentConfiguration configuration) {
        if (!configuration.window()) {
            return "window = false in etc/" + AgentConfiguration.PID + ".cfg";
        }
        DisplayInfo session = new PlatformProbe(System.getenv()).display();
        if (session.kind().equals("none")) {
            return "no graphical session (DISPLAY is not set)";
        }
        return null;
    }

    /** The UI thread: the display, the window, the event loop until deactivation, then the display disposed. */
    private void run(Optional<ServerUrl> url) {
        Display created;
        try {
            Display.setAppName(TITLE);
            created = new Display();
        } catch (SWTError | LinkageError e) {
            // No GTK, no usable display, or a platform SWT has no natives for: the agent runs without a window.
            logger.warn("No window: the graphical toolkit cannot start here ({})", e.toString());
            return;
        }
        display = created;
        // Other bundles' windows (session prompts, chat) share this display: GTK allows one per process.
        ServiceRegistration<AgentDisplay> registration = context.registerService(AgentDisplay.class, () -> created,
                null);
        try {
            open(created, url);
            while (!closing) {
                try {
                    if (!created.readAndDispatch()) {
                        created.sleep();
                    }
                } catch (RuntimeException e) {
                    logger.warn("The window failed to handle an event", e);
                }
            }
        } catch (RuntimeException | SWTError e) {
            logger.error("The agent's window failed; the agent runs on without it", e);
        } finally {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            AgentLink.Listener registered = listener;
            if (registered != null) {
                link.removeListener(registered);
            }
            created.dispose();
            logger.info("The agent's window is closed");
        }
    }

    private void open(Display current, Optional<ServerUrl> url) {
        Shell shell = new Shell(current, SWT.TITLE | SWT.CLOSE | SWT.MIN);
        shell.setText(TITLE);
        Image[] icons = AgentIcon.draw(current);
        shell.setImages(icons);
        shell.addListener(SWT.Dispose, event -> {
            for (Image icon : icons) {
                icon.dispose();
            }
        });
        FillLayout layout = new FillLayout();
        layout.marginWidth = 8;
        layout.marginHeight = 8;
        shell.setLayout(layout);
        TabFolder folder = new TabFolder(shell, SWT.TOP);
        PermanentAccessTab tab = new PermanentAccessTab(folder, link, url);
        AgentLink.Listener changes = state -> {
            try {
                current.asyncExec(() -> {
                    if (!shell.isDisposed()) {
                        tab.update(state);
                    }
                });
            } catch (SWTException disposed) {
                // the window is closing
            }
        };
        listener = changes;
        link.addListener(changes);
        tab.update(link.state()); // after adding the listener: no change is missed

        shell.addListener(SWT.Close, event -> {
            event.doit = false;
            shell.setVisible(false);
            logger.info("The agent's window is hidden; the agent keeps running");
        });
        tray(current, shell, icons[0]);
        shell.pack();
        Rectangle area = current.getPrimaryMonitor().getClientArea();
        Point size = shell.getSize();
        shell.setLocation(area.x + Math.max(0, (area.width - size.x) / 2),
                area.y + Math.max(0, (area.height - size.y) / 3));
        shell.open();
        tab.focus();
        logger.info("The agent's window is open (tab \"{}\")", PermanentAccessTab.TITLE);
    }

    /** Where the desktop has a tray: an icon that shows the window again after it was closed. */
    private static void tray(Display current, Shell shell, Image icon) {
        Tray tray = current.getSystemTray();
        if (tray == null) {
            return;
        }
        TrayItem item = new TrayItem(tray, SWT.NONE);
        item.setImage(icon);
        item.setToolTipText(TITLE);
        Listener show = event -> {
            shell.setVisible(true);
            shell.setMinimized(false);
            shell.forceActive();
        };
        item.addListener(SWT.Selection, show);
        item.addListener(SWT.DefaultSelection, show);
        Menu menu = new Menu(shell, SWT.POP_UP);
        MenuItem open = new MenuItem(menu, SWT.PUSH);
        open.setText("Show " + TITLE);
        open.addListener(SWT.Selection, show);
        item.addListener(SWT.MenuDetect, event -> menu.setVisible(true));
    }
}
