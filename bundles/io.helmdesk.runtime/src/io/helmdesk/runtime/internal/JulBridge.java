package io.helmdesk.runtime.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Routes java.util.logging (used by Jersey, SPI Fly and the OSGi REST whiteboard) into SLF4J. */
@Component(immediate = true)
public class JulBridge {

    @Activate
    void install() {
        // SLF4J must be bound before the bridge: SPI Fly logs through JUL while it wires SLF4J to its provider,
        // and a bridge that is already installed would call back into the half-initialised SLF4J.
        LoggerFactory.getILoggerFactory();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    @Deactivate
    void uninstall() {
        SLF4JBridgeHandler.uninstall();
    }
}
