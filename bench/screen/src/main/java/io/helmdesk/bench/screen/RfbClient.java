package io.helmdesk.bench.screen;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.imageio.ImageIO;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A minimal RFB 3.8 viewer (RFC 6143 and the community's Tight/ZRLE descriptions): security type None, 32 bpp true
 * colour (depth 24, little endian, red at bit 16), encodings Tight (with the JPEG quality and compression level
 * pseudo-encodings) or ZRLE, plus CopyRect and LastRect, and the classic loop of one incremental
 * FramebufferUpdateRequest for the whole screen after each update. It reads every byte of every rectangle (and
 * inflates every zlib stream, so the streams stay in step) but decodes pixels only where it must: the rectangle that
 * covers the latency marker's centre, for the marker's grey level. Bytes are counted at the socket.
 */
final class RfbClient implements Viewer {

    enum Encoding {
        TIGHT, ZRLE
    }

    private static final int RAW = 0;
    private static final int VENCRYPT = 19;
    private static final int X509_NONE = 260;
    private static final int COPY_RECT = 1;
    private static final int TIGHT = 7;
    private static final int ZRLE = 16;
    private static final int LAST_RECT = -224;
    private static final int JPEG_QUALITY_0 = -32;
    private static final int COMPRESS_LEVEL_0 = -256;

    private final Socket socket;
    private final CountingStream counted;
    private final boolean tls;
    private final DataInputStream in;
    private final OutputStream out;
    private final Encoding encoding;
    private final int quality;
    private final int compression;
    private final MarkerProbe marker;
    private final int markerX;
    private final int markerY;
    private final Inflater[] tightStreams = {new Inflater(), new Inflater(), new Inflater(), new Inflater()};
    private final Inflater zrleStream = new Inflater();
    private final AtomicLong frames = new AtomicLong();
    private final long[] rectangles = new long[8];
    private final Thread reader;
    private byte[] buffer = new byte[1 << 16];
    private byte[] inflated = new byte[1 << 18];
    private int width;
    private int height;
    private String serverName = "";
    private String serverVersion = "";
    private volatile boolean closing;
    private volatile String failure;

    private RfbClient(Secured secured, Encoding encoding, int quality, int compression, MarkerProbe marker,
            int markerX, int markerY) throws IOException {
        this.socket = secured.socket();
        this.counted = secured.counted();
        this.tls = secured.socket() instanceof SSLSocket;
        this.serverVersion = secured.serverVersion();
        // Counted below TLS (the TCP bytes); read through it, decrypted, when TLS is on.
        this.in = new DataInputStream(new BufferedInputStream(tls ? socket.getInputStream() : counted, 1 << 16));
        this.out = socket.getOutputStream();
        this.encoding = encoding;
        this.quality = quality;
        this.compression = compression;
        this.marker = marker;
        this.markerX = markerX;
        this.markerY = markerY;
        this.reader = Thread.ofPlatform().name("rfb-reader").daemon().unstarted(this::readLoop);
    }

    /**
     * Connects, shakes hands, asks for the whole screen, and reads updates on a thread of its own from then on.
     *
     * @param tls VeNCrypt X509None (the server's certificate is not checked: loopback) instead of security None
     */
    static RfbClient connect(String host, int port, Encoding encoding, int quality, int compression, boolean tls,
            MarkerProbe marker, int markerX, int markerY) throws IOException {
        CountedSocket socket = new CountedSocket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        try {
            RfbClient client = new RfbClient(secure(socket, host, port, tls), encoding, quality, compression, marker,
                    markerX, markerY);
            client.handshake();
            client.reader.start();
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The socket as the RFB session then uses it (TLS on top when asked), with the raw count below. */
    private record Secured(Socket socket, CountingStream counted, String serverVersion) {
    }

    /**
     * The version and security handshakes, read unbuffered (after VeNCrypt's last byte, TLS begins on the same
     * socket), up to the security result.
     */
    private static Secured secure(CountedSocket socket, String host, int port, boolean tls) throws IOException {
        DataInputStream raw = new DataInputStream(socket.getInputStream());
        DataOutputStream rawOut = new DataOutputStream(socket.getOutputStream());
        byte[] version = new byte[12];
        raw.readFully(version);
        String serverVersion = new String(version, StandardCharsets.US_ASCII).strip();
        if (!serverVersion.startsWith("RFB 003.")) {
            throw new IOException("Not an RFB server: " + serverVersion);
        }
        rawOut.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        rawOut.flush();
        int count = raw.readUnsignedByte();
        if (count == 0) {
            throw new IOException("The server refused: " + reason(raw));
        }
        int wanted = tls ? VENCRYPT : 1;
        List<Integer> offered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            offered.add(raw.readUnsignedByte());
        }
        if (!offered.contains(wanted)) {
            throw new IOException("The server offers security types " + offered + ", not " + wanted);
        }
        rawOut.write(wanted);
        rawOut.flush();
        Socket session = socket;
        DataInputStream result = raw;
        if (tls) {
            rawOut.write(new byte[]{0, 2}); // VeNCrypt 0.2
            rawOut.flush();
            raw.readUnsignedShort(); // the server's version
            if (raw.readUnsignedByte() != 0) {
                throw new IOException("The server refused VeNCrypt 0.2");
            }
            int subtypes = raw.readUnsignedByte();
            List<Integer> offeredSubtypes = new ArrayList<>();
            for (int i = 0; i < subtypes; i++) {
                offeredSubtypes.add(raw.readInt());
            }
            if (!offeredSubtypes.contains(X509_NONE)) {
                throw new IOException("The server offers VeNCrypt subtypes " + offeredSubtypes + ", not X509None");
            }
            rawOut.writeInt(X509_NONE);
            rawOut.flush();
            if (raw.readUnsignedByte() != 1) {
                throw new IOException("The server refused VeNCrypt X509None");
            }
            SSLSocket secured = (SSLSocket) trustingContext().getSocketFactory().createSocket(socket, host, port, true);
            secured.startHandshake();
            session = secured;
            result = new DataInputStream(secured.getInputStream());
        }
        if (result.readInt() != 0) {
            throw new IOException("Security handshake failed: " + reason(result));
        }
        return new Secured(session, socket.counted(), serverVersion);
    }

    private static SSLContext trustingContext() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    throw new UnsupportedOperationException("client only");
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // a benchmark on loopback, against a throw-away certificate
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** From ClientInit on, on the secured socket. */
    private void handshake() throws IOException {
        out.write(1); // ClientInit: shared
        out.flush();
        width = in.readUnsignedShort();
        height = in.readUnsignedShort();
        in.readFully(new byte[16]); // the server's pixel format: replaced below
        byte[] name = new byte[in.readInt()];
        in.readFully(name);
        serverName = new String(name, StandardCharsets.UTF_8);

        ByteBuffer setup = ByteBuffer.allocate(256);
        // SetPixelFormat: 32 bpp, depth 24, little endian, true colour, 8 bits each, red 16, green 8, blue 0.
        setup.put((byte) 0).put(new byte[3]);
        setup.put((byte) 32).put((byte) 24).put((byte) 0).put((byte) 1);
        setup.putShort((short) 255).putShort((short) 255).putShort((short) 255);
        setup.put((byte) 16).put((byte) 8).put((byte) 0).put(new byte[3]);
        // SetEncodings.
        List<Integer> encodings = new ArrayList<>();
        if (encoding == Encoding.TIGHT) {
            encodings.add(TIGHT);
            encodings.add(COPY_RECT);
            encodings.add(JPEG_QUALITY_0 + quality);
            encodings.add(COMPRESS_LEVEL_0 + compression);
        } else {
            encodings.add(ZRLE);
            encodings.add(COPY_RECT);
        }
        encodings.add(LAST_RECT);
        setup.put((byte) 2).put((byte) 0).putShort((short) encodings.size());
        for (int value : encodings) {
            setup.putInt(value);
        }
        out.write(setup.array(), 0, setup.position());
        request(false);
    }

    private static String reason(DataInputStream in) throws IOException {
        byte[] text = new byte[in.readInt()];
        in.readFully(text);
        return new String(text, StandardCharsets.UTF_8);
    }

    private void request(boolean incremental) throws IOException {
        byte[] message = {3, (byte) (incremental ? 1 : 0), 0, 0, 0, 0, (byte) (width >> 8), (byte) width,
            (byte) (height >> 8), (byte) height};
        out.write(message);
        out.flush();
    }

    private void readLoop() {
        try {
            while (!closing) {
                int type = in.readUnsignedByte();
                switch (type) {
                    case 0 -> {
                        update();
                        request(true);
                    }
                    case 1 -> { // SetColourMapEntries
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                        skip(in.readUnsignedShort() * 6L);
                    }
                    case 2 -> {
                        // Bell
                    }
                    case 3 -> { // ServerCutText
                        skip(3);
                        skip(Integer.toUnsignedLong(in.readInt()));
                    }
                    default -> throw new IOException("Unknown server message type " + type);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                failure = e instanceof EOFException ? "the server closed the connection" : e.toString();
            }
        }
    }

    private void update() throws IOException {
        in.readUnsignedByte();
        int count = in.readUnsignedShort();
        boolean any = false;
        for (int i = 0; count == 0xFFFF || i < count; i++) {
            int x = in.readUnsignedShort();
            int y = in.readUnsignedShort();
            int w = in.readUnsignedShort();
            int h = in.readUnsignedShort();
            int type = in.readInt();
            if (type == LAST_RECT) {
                break;
            }
            boolean covers = x <= markerX && markerX < x + w && y <= markerY && markerY < y + h;
            int rgb = switch (type) {
                case RAW -> raw(x, y, w, h, covers);
                case COPY_RECT -> {
                    skip(4);
                    rectangles[7]++;
                    yield -1; // the marker never moves: a copy onto it is not its update
                }
                case TIGHT -> tight(x, y, w, h, covers);
                case ZRLE -> zrle(x, y, w, h, covers);
                default -> throw new IOException("Unexpected encoding " + type + " (not asked for)");
            };
            any = true;
            if (covers && rgb >= 0) {
                marker.observed(MarkerProbe.level(rgb), System.nanoTime());
            }
        }
        if (any) {
            frames.incrementAndGet();
        }
    }

    private int raw(int x, int y, int w, int h, boolean covers) throws IOException {
        rectangles[0]++;
        long size = (long) w * h * 4;
        if (!covers) {
            skip(size);
            return -1;
        }
        byte[] data = read((int) size);
        int offset = ((markerY - y) * w + (markerX - x)) * 4;
        return ((data[offset + 2] & 0xFF) << 16) | ((data[offset + 1] & 0xFF) << 8) | (data[offset] & 0xFF);
    }

    // --- Tight

    private int tight(int x, int y, int w, int h, boolean covers) throws IOException {
        int control = in.readUnsignedByte();
        for (int stream = 0; stream < 4; stream++) {
            if ((control & (1 << stream)) != 0) {
                tightStreams[stream].reset();
            }
        }
        int kind = control >> 4;
        if (kind == 8) { // fill
            rectangles[1]++;
            int r = in.readUnsignedByte();
            int g = in.readUnsignedByte();
            int b = in.readUnsignedByte();
            return (r << 16) | (g << 8) | b;
        }
        if (kind == 9) { // JPEG
            rectangles[2]++;
            int length = compactLength();
            if (!covers) {
                skip(length);
                return -1;
            }
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(read(length), 0, length));
            if (image == null) {
                throw new IOException("A Tight JPEG rectangle does not decode");
            }
            return image.getRGB(markerX - x, markerY - y) & 0xFFFFFF;
        }
        if (kind > 9) {
            throw new IOException("Tight compression type " + kind + " (PNG?) was not asked for");
        }
        rectangles[3]++;
        Inflater stream = tightStreams[kind & 3];
        int filter = (kind & 4) != 0 ? in.readUnsignedByte() : 0;
        int[] palette = null;
        int rowBytes;
        switch (filter) {
            case 0, 2 -> rowBytes = w * 3;
            case 1 -> {
                int colours = in.readUnsignedByte() + 1;
                palette = new int[colours];
                for (int i = 0; i < colours; i++) {
                    palette[i] = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
                }
                rowBytes = colours == 2 ? (w + 7) / 8 : w;
            }
            default -> throw new IOException("Unknown Tight filter " + filter);
        }
        int size = rowBytes * h;
        byte[] data;
        if (size < 12) {
            data = read(size);
        } else {
            int length = compactLength();
            int produced = inflate(stream, read(length), length);
            if (produced != size) {
                throw new IOException("A Tight rectangle inflated to " + produced + " bytes, not " + size);
            }
            data = inflated;
        }
        if (!covers) {
            return -1;
        }
        int px = markerX - x;
        int py = markerY - y;
        return switch (filter) {
            case 0 -> {
                int at = py * rowBytes + px * 3;
                yield ((data[at] & 0xFF) << 16) | ((data[at + 1] & 0xFF) << 8) | (data[at + 2] & 0xFF);
            }
            case 1 -> palette.length == 2
                    ? palette[(data[py * rowBytes + px / 8] >> (7 - px % 8)) & 1]
                    : palette[data[py * rowBytes + px] & 0xFF];
            default -> gradientPixel(data, w, px, py);
        };
    }

    /** The Tight gradient filter undone up to (px, py): each component predicted from left + up − up-left. */
    private static int gradientPixel(byte[] data, int w, int px, int py) {
        int[] previous = new int[w * 3];
        int[] current = new int[w * 3];
        for (int y = 0; y <= py; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int left = x > 0 ? current[(x - 1) * 3 + c] : 0;
                    int up = y > 0 ? previous[x * 3 + c] : 0;
                    int upLeft = x > 0 && y > 0 ? previous[(x - 1) * 3 + c] : 0;
                    int predicted = Math.clamp(left + up - upLeft, 0, 255);
                    current[x * 3 + c] = (predicted + data[(y * w + x) * 3 + c]) & 0xFF;
                }
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        int at = px * 3;
        return (previous[at] << 16) | (previous[at + 1] << 8) | previous[at + 2];
    }

    private int compactLength() throws IOException {
        int b = in.readUnsignedByte();
        int length = b & 0x7F;
        if ((b & 0x80) != 0) {
            b = in.readUnsignedByte();
            length |= (b & 0x7F) << 7;
            if ((b & 0x80) != 0) {
                length |= in.readUnsignedByte() << 14;
            }
        }
        return length;
    }

    // --- ZRLE

    private int zrle(int x, int y, int w, int h, boolean covers) throws IOException {
        rectangles[4]++;
        int length = in.readInt();
        int produced = inflate(zrleStream, read(length), length);
        if (!covers) {
            return -1;
        }
        byte[] data = inflated;
        int at = 0;
        int px = markerX - x;
        int py = markerY - y;
        for (int ty = 0; ty < h; ty += 64) {
            int th = Math.min(64, h - ty);
            for (int tx = 0; tx < w; tx += 64) {
                int tw = Math.min(64, w - tx);
                boolean here = tx <= px && px < tx + tw && ty <= py && py < ty + th;
                int rx = px - tx;
                int ry = py - ty;
                int target = ry * tw + rx;
                int sub = data[at++] & 0xFF;
                int found = -1;
                if (sub == 0) {
                    if (here) {
                        found = cpixel(data, at + target * 3);
                    }
                    at += tw * th * 3;
                } else if (sub == 1) {
                    found = cpixel(data, at);
                    at += 3;
                } else if (sub <= 16) {
                    int paletteAt = at;
                    at += sub * 3;
                    int bits = sub == 2 ? 1 : sub <= 4 ? 2 : 4;
                    int rowBytes = (tw * bits + 7) / 8;
                    if (here) {
                        int b = data[at + ry * rowBytes + rx * bits / 8] & 0xFF;
                        int index = (b >> (8 - bits - (rx * bits) % 8)) & ((1 << bits) - 1);
                        found = cpixel(data, paletteAt + index * 3);
                    }
                    at += rowBytes * th;
                } else if (sub == 128) {
                    int done = 0;
                    while (done < tw * th) {
                        int colour = cpixel(data, at);
                        at += 3;
                        int run = 1;
                        int b;
                        do {
                            b = data[at++] & 0xFF;
                            run += b;
                        } while (b == 255);
                        if (target >= done && target < done + run) {
                            found = colour;
                        }
                        done += run;
                    }
                } else if (sub >= 130) {
                    int paletteAt = at;
                    at += (sub - 128) * 3;
                    int done = 0;
                    while (done < tw * th) {
                        int b = data[at++] & 0xFF;
                        int run = 1;
                        if ((b & 0x80) != 0) {
                            int more;
                            do {
                                more = data[at++] & 0xFF;
                                run += more;
                            } while (more == 255);
                        }
                        if (target >= done && target < done + run) {
                            found = cpixel(data, paletteAt + (b & 0x7F) * 3);
                        }
                        done += run;
                    }
                } else {
                    throw new IOException("Unknown ZRLE tile subencoding " + sub);
                }
                if (here) {
                    return found;
                }
                if (at > produced) {
                    throw new IOException("A ZRLE rectangle's tiles run past its data");
                }
            }
        }
        return -1;
    }

    /** A ZRLE compressed pixel of our format: the three low bytes of a little-endian 0x00RRGGBB. */
    private static int cpixel(byte[] data, int at) {
        return ((data[at + 2] & 0xFF) << 16) | ((data[at + 1] & 0xFF) << 8) | (data[at] & 0xFF);
    }

    /** Inflates all of input into {@link #inflated} (growing it); the stream keeps its state for the next rectangle. */
    private int inflate(Inflater stream, byte[] input, int length) throws IOException {
        stream.setInput(input, 0, length);
        int total = 0;
        int idle = 0;
        try {
            while (true) {
                if (total == inflated.length) {
                    inflated = java.util.Arrays.copyOf(inflated, inflated.length * 2);
                }
                int n = stream.inflate(inflated, total, inflated.length - total);
                total += n;
                if (n == 0) {
                    if (stream.needsInput() || stream.finished() || stream.needsDictionary()) {
                        break;
                    }
                    if (total < inflated.length && ++idle > 3) {
                        throw new IOException("A zlib stream stopped making progress");
                    }
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("A zlib stream is corrupt (out of step?): " + e.getMessage(), e);
        }
        return total;
    }

    // --- Bytes

    private byte[] read(int length) throws IOException {
        if (buffer.length < length) {
            buffer = new byte[Math.max(length, buffer.length * 2)];
        }
        in.readFully(buffer, 0, length);
        return buffer;
    }

    private void skip(long length) throws IOException {
        while (length > 0) {
            int chunk = (int) Math.min(length, buffer.length);
            in.readFully(buffer, 0, chunk);
            length -= chunk;
        }
    }

    @Override
    public long bytes() {
        return counted.count.get();
    }

    @Override
    public String bytesMeaning() {
        return tls
                ? "bytes read from the client's TCP socket (RFB inside TLS: VeNCrypt X509None, " + ((SSLSocket) socket)
                        .getSession().getProtocol() + " " + ((SSLSocket) socket).getSession().getCipherSuite() + ")"
                : "bytes read from the client's TCP socket (RFB messages, no TLS)";
    }

    @Override
    public long frames() {
        return frames.get();
    }

    @Override
    public String failure() {
        return failure;
    }

    /** Rectangles received by kind so far: raw, tight fill, tight jpeg, tight basic, zrle, -, -, copyrect. */
    String rectangleCounts() {
        return String.format(Locale.ROOT, "raw %d, tight fill %d, tight jpeg %d, tight zlib %d, zrle %d, copyrect %d",
                rectangles[0], rectangles[1], rectangles[2], rectangles[3], rectangles[4], rectangles[7]);
    }

    @Override
    public String settings() {
        return (encoding == Encoding.TIGHT
                ? "Tight, JPEG quality level " + quality + " (pseudo-encoding " + (JPEG_QUALITY_0 + quality)
                        + "), compression level " + compression + " (" + (COMPRESS_LEVEL_0 + compression) + ")"
                : "ZRLE")
                + ", CopyRect, LastRect; 32 bpp; server " + serverVersion + " '" + serverName + "' " + width + "x"
                + height;
    }

    @Override
    public void close() {
        closing = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A plain socket whose input is counted, TLS layered on it included (the JDK reads through this stream). */
    private static final class CountedSocket extends Socket {

        private CountingStream counted;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountingStream(super.getInputStream());
            }
            return counted;
        }

        synchronized CountingStream counted() throws IOException {
            return (CountingStream) getInputStream();
        }
    }

    private static final class CountingStream extends FilterInputStream {

        final AtomicLong count = new AtomicLong();

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
