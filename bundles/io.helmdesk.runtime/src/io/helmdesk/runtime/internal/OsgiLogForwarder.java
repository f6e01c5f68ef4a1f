package io.helmdesk.runtime.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards what the framework and its services (SCR, Config Admin) write to the OSGi log service into SLF4J, so one
 * log holds everything: the console and the rolling file configured in {@code etc/logback.xml}.
 */
@Component(immediate = true)
public class OsgiLogForwarder implements LogListener {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLogReader(LogReaderService reader) {
        reader.addLogListener(this);
    }

    void removeLogReader(LogReaderService reader) {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        String name = entry.getLoggerName() != null && !entry.getLoggerName().equals("LogService")
                ? entry.getLoggerName()
                : "osgi." + entry.getBundle().getSymbolicName();
        Logger logger = LoggerFactory.getLogger(name);
        String message = entry.getMessage();
        Throwable failure = entry.getException();
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> logger.error(message, failure);
            case WARN -> logger.warn(message, failure);
            case INFO -> logger.info(message, failure);
            case DEBUG -> logger.debug(message, failure);
            default -> logger.trace(message, failure);
        }
    }
}
