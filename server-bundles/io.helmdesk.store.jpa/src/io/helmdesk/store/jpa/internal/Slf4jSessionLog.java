package io.helmdesk.store.jpa.internal;

import org.eclipse.persistence.logging.AbstractSessionLog;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.logging.SessionLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends EclipseLink's log to SLF4J, so it lands in the server log with everything else. */
public class Slf4jSessionLog extends AbstractSessionLog {

    private final Logger logger = LoggerFactory.getLogger("org.eclipse.persistence");

    @Override
    public boolean shouldLog(int level, String category) {
        return switch (level) {
            case SessionLog.SEVERE -> logger.isErrorEnabled();
            case SessionLog.WARNING -> logger.isWarnEnabled();
            case SessionLog.INFO -> logger.isInfoEnabled();
            case SessionLog.CONFIG, SessionLog.FINE -> logger.isDebugEnabled();
            case SessionLog.OFF -> false;
            default -> logger.isTraceEnabled();
        };
    }

    @Override
    public void log(SessionLogEntry entry) {
        if (!shouldLog(entry.getLevel(), entry.getNameSpace())) {
            return;
        }
        String message = formatMessage(entry);
        Throwable error = entry.getException();
        switch (entry.getLevel()) {
            case SessionLog.SEVERE -> logger.error(message, error);
            case SessionLog.WARNING -> logger.warn(message, error);
            case SessionLog.INFO -> logger.info(message, error);
            case SessionLog.CONFIG, SessionLog.FINE -> logger.debug(message, error);
            default -> logger.trace(message, error);
        }
    }
}
