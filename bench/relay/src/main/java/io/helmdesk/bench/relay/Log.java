package io.helmdesk.bench.relay;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Lines on standard output with the time: run.sh waits for some of them (READY) and keeps the rest as the log. */
final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Log() {
    }

    static synchronized void info(String format, Object... arguments) {
        System.out.println("[" + LocalTime.now().format(TIME) + "] " + String.format(format, arguments));
        System.out.flush();
    }
}
