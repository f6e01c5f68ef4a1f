package io.helmdesk.bench.agents;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The machine's floor for a heartbeat round trip: 24-byte messages echoed over plain loopback TCP between two threads
 * of one JVM, at a given rate, with nothing else running. No TLS, no framing, no server: what is left is waking the
 * echoing thread and the waiting thread, on this (virtual) machine. Run it while the machine is otherwise idle:
 *
 * <pre>
 * java -cp helmdesk-bench-agents.jar io.helmdesk.bench.agents.LoopbackFloor --rate 633 --seconds 60 [--virtual true]
 * </pre>
 *
 * With {@code --virtual true} the waiting side is a virtual thread, as in the load generator.
 */
public final class LoopbackFloor {

    private LoopbackFloor() {
    }

    public static void main(String[] args) throws Exception {
        double rate = 100;
        int seconds = 30;
        boolean virtual = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--virtual" -> virtual = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread echo = Thread.ofPlatform().daemon().name("echo").start(() -> echo(listener));
            Histogram histogram = new Histogram();
            long period = (long) (1e9 / rate);
            double secondsFinal = seconds;
            Runnable client = () -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                    socket.setTcpNoDelay(true);
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    byte[] message = new byte[24];
                    long end = System.nanoTime() + (long) (secondsFinal * 1e9);
                    long next = System.nanoTime();
                    while (next < end) {
                        LockSupport.parkNanos(next - System.nanoTime());
                        long sent = System.nanoTime();
                        out.write(message);
                        in.readFully(message);
                        histogram.record(System.nanoTime() - sent);
                        next += period;
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            };
            Thread waiting = virtual ? Thread.ofVirtual().start(client) : Thread.ofPlatform().start(client);
            waiting.join(TimeUnit.SECONDS.toMillis(seconds + 30L));
            echo.interrupt();
            System.out.println(String.format(Locale.ROOT, "loopback TCP round trip at %.0f/s, %s waiting thread: %s",
                    rate, virtual ? "virtual" : "platform", histogram.describe()));
        }
    }

    private static void echo(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] message = new byte[24];
            while (true) {
                in.readFully(message);
                out.write(message);
            }
        } catch (IOException e) {
            // the client finished
        }
    }
}
