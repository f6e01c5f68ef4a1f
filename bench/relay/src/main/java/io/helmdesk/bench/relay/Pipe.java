package io.helmdesk.bench.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies bytes both ways between two connected sockets, one platform thread per direction, blocking I/O (the fastest
 * plain Java forwarder in PERF-NOTES). When one direction ends, the other socket's output is shut down (TLS 1.3: a
 * close_notify, the connection stays readable); when both ended, or on any error, both sockets are closed.
 */
final class Pipe {

    /** iperf3 writes 128 KiB at a time. */
    private static final int BUFFER = 128 * 1024;

    private final String name;
    private final Socket first;
    private final Socket second;
    private final AtomicInteger running = new AtomicInteger(2);
    private final AtomicLong firstToSecond = new AtomicLong();
    private final AtomicLong secondToFirst = new AtomicLong();
    private final long started = System.nanoTime();

    Pipe(String name, Socket first, Socket second) {
        this.name = name;
        this.first = first;
        this.second = second;
    }

    void start() {
        Thread.ofPlatform().name(name + " >").daemon().start(() -> pump(first, second, firstToSecond));
        Thread.ofPlatform().name(name + " <").daemon().start(() -> pump(second, first, secondToFirst));
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[BUFFER];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (read > 0) {
                    out.write(buffer, 0, read);
                    counter.addAndGet(read);
                }
            }
            try {
                to.shutdownOutput();
            } catch (IOException | UnsupportedOperationException e) {
                closeBoth();
            }
        } catch (IOException e) {
            closeBoth();
        } finally {
            if (running.decrementAndGet() == 0) {
                closeBoth();
                double seconds = (System.nanoTime() - started) / 1e9;
                Log.info("%s closed after %.1f s: %d bytes >, %d bytes <", name, seconds, firstToSecond.get(),
                        secondToFirst.get());
            }
        }
    }

    private void closeBoth() {
        close(first);
        close(second);
    }

    static void close(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
