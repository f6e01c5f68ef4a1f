package io.helmdesk.bench.screen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helmdesk.protocol.message.Role;
import io.helmdesk.screen.Region;
import io.helmdesk.session.FileTransfers;
import io.helmdesk.session.IncomingOffer;
import io.helmdesk.session.RelayAddress;
import io.helmdesk.session.SessionTicket;
import io.helmdesk.session.ViewerSession;

/**
 * The console's session code ({@link ViewerSession}, from the built io.helmdesk.session bundle) as the benchmark's
 * client: it joins the relay with the ticket the REST API gave, decodes every frame (as the console does) and
 * acknowledges it (which paces the agent). When an update's region covers the marker's centre, the decoded pixel there
 * gives the marker's level. Bytes are the TLS bytes the kernel received on this JVM's relay connection
 * ({@code tcp_info.bytes_received}, read with {@code ss}).
 */
final class HelmdeskViewer implements Viewer {

    private final ViewerSession session;
    private final int relayPort;
    private volatile String failure;
    private long lastBytes;

    private HelmdeskViewer(ViewerSession session, int relayPort) {
        this.session = session;
        this.relayPort = relayPort;
    }

    /**
     * @param identity, peerPin the console's end-to-end identity and the agent's fingerprint, as POST /sessions gave
     *            them
     */
    static HelmdeskViewer join(String host, int port, String ticket, String identity, String peerPin,
            Duration pairingTimeout, Path work, MarkerProbe marker, int markerX, int markerY) throws IOException {
        Path files = Files.createDirectories(work.resolve("viewer-files"));
        HelmdeskViewer[] self = new HelmdeskViewer[1];
        ViewerSession[] joined = new ViewerSession[1];
        ViewerSession.Listener listener = new ViewerSession.Listener() {

            @Override
            public void screenChanged(Region region) {
                if (region.x() <= markerX && markerX < region.x() + region.width() && region.y() <= markerY
                        && markerY < region.y() + region.height()) {
                    long at = System.nanoTime();
                    ViewerSession current = joined[0];
                    if (current != null) {
                        current.readScreen(screen -> marker.observed(
                                MarkerProbe.level(screen.pixels()[markerY * screen.width() + markerX]), at));
                    }
                }
            }

            @Override
            public void ended(String reason) {
                HelmdeskViewer viewer = self[0];
                if (viewer != null && viewer.failure == null) {
                    viewer.failure = "the session ended: " + reason;
                }
            }
        };
        FileTransfers.Listener noFiles = new FileTransfers.Listener() {

            @Override
            public void offered(IncomingOffer offer) {
                offer.refuse("The benchmark takes no files");
            }

            @Override
            public void progress(long transferId, String name, long bytesDone, long size) {
            }

            @Override
            public void finished(long transferId, String name, boolean success, String message) {
            }
        };
        ViewerSession session = ViewerSession.join(new RelayAddress(host, port),
                SessionTicket.of(Role.CONSOLE, ticket, identity, peerPin), pairingTimeout, "Benchmark", files,
                noFiles, listener);
        joined[0] = session;
        HelmdeskViewer viewer = new HelmdeskViewer(session, port);
        self[0] = viewer;
        return viewer;
    }

    @Override
    public synchronized long bytes() throws IOException {
        try {
            lastBytes = bytesReceived(relayPort, ProcessHandle.current().pid());
        } catch (IOException e) {
            if (failure == null) {
                throw e;
            }
            // The session ended and its connection is gone: what it received up to the last look.
        }
        return lastBytes;
    }

    /** tcp_info bytes_received of this process's established connection to the port, from {@code ss -tinp}. */
    static long bytesReceived(int remotePort, long pid) throws IOException {
        Process ss = new ProcessBuilder("ss", "-Htinp", "state", "established", "( dport = :" + remotePort + " )")
                .redirectErrorStream(true).start();
        String output = new String(ss.getInputStream().readAllBytes());
        try {
            if (!ss.waitFor(10, TimeUnit.SECONDS) || ss.exitValue() != 0) {
                throw new IOException("ss failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        boolean ours = false;
        long total = -1;
        Pattern received = Pattern.compile("bytes_received:(\\d+)");
        for (String line : output.split("\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                ours = line.contains("pid=" + pid + ",");
            }
            Matcher m = received.matcher(line);
            if (ours && m.find()) {
                total = Math.max(0, total) + Long.parseLong(m.group(1));
                ours = false;
            }
        }
        if (total < 0) {
            throw new IOException("No connection of pid " + pid + " to port " + remotePort + " in: " + output);
        }
        return total;
    }

    @Override
    public String bytesMeaning() {
        return "TLS bytes received on the viewer's relay connection (kernel tcp_info bytes_received)";
    }

    @Override
    public long frames() {
        return session.frames();
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public String settings() {
        return "io.helmdesk.session ViewerSession through the relay (TLS end to end with the agent); every frame decoded and acknowledged";
    }

    @Override
    public void close() {
        session.close();
    }
}
