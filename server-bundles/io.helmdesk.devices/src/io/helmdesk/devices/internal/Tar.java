package io.helmdesk.devices.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the POSIX ustar format for the agent's archives: regular files and folders with their modes, names
 * up to 255 bytes (prefix + name). Reading refuses what it does not understand instead of guessing.
 */
final class Tar {

    private static final int BLOCK = 512;

    /** One archive member. */
    record Entry(String name, int mode, long modified, boolean directory, byte[] content) {
    }

    private Tar() {
    }

    static List<Entry> read(InputStream in) throws IOException {
        List<Entry> entries = new ArrayList<>();
        byte[] header = new byte[BLOCK];
        while (true) {
            if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
                throw new IOException("The archive ends inside a header");
            }
            if (isZero(header)) {
                return entries;
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            int mode = (int) octal(header, 100, 8);
            long size = octal(header, 124, 12);
            long modified = octal(header, 136, 12);
            char type = (char) header[156];
            if (size < 0 || size > 256L * 1024 * 1024) {
                throw new IOException("Archive member " + name + " has an impossible size " + size);
            }
            byte[] content = in.readNBytes((int) size);
            if (content.length < size) {
                throw new IOException("The archive ends inside " + name);
            }
            in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
            switch (type) {
                case '0', '\0' -> entries.add(new Entry(name, mode, modified, false, content));
                case '5' -> entries.add(new Entry(name, mode, modified, true, new byte[0]));
                default -> throw new IOException("Archive member " + name + " has the unsupported type " + type);
            }
        }
    }

    static void write(List<Entry> entries, OutputStream out) throws IOException {
        for (Entry entry : entries) {
            out.write(header(entry));
            out.write(entry.content());
            out.write(new byte[(int) ((BLOCK - entry.content().length % BLOCK) % BLOCK)]);
        }
        out.write(new byte[BLOCK * 2]);
    }

    private static byte[] header(Entry entry) throws IOException {
        byte[] header = new byte[BLOCK];
        String name = entry.directory() && !entry.name().endsWith("/") ? entry.name() + "/" : entry.name();
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 100) {
            System.arraycopy(bytes, 0, header, 0, bytes.length);
        } else {
            int split = name.lastIndexOf('/', name.length() - 2);
            byte[] prefix = name.substring(0, Math.max(0, split)).getBytes(StandardCharsets.UTF_8);
            byte[] rest = name.substring(split + 1).getBytes(StandardCharsets.UTF_8);
            if (split < 0 || prefix.length > 155 || rest.length > 100) {
                throw new IOException("The name " + name + " is too long for a ustar archive");
            }
            System.arraycopy(rest, 0, header, 0, rest.length);
            System.arraycopy(prefix, 0, header, 345, prefix.length);
        }
        octal(header, 100, 8, entry.mode());
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, entry.content().length);
        octal(header, 136, 12, entry.modified());
        header[156] = (byte) (entry.directory() ? '5' : '0');
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 8);
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        octal(header, 148, 7, checksum);
        header[155] = ' ';
        return header;
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        byte[] bytes = padded.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length - 1));
        header[offset + length - 1] = 0;
    }

    private static long octal(byte[] header, int offset, int length) throws IOException {
        String text = new String(header, offset, length, StandardCharsets.US_ASCII).replace('\0', ' ').strip();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IOException("A header field is not an octal number: '" + text + "'");
        }
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] bytes(List<Entry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(entries, out);
        return out.toByteArray();
    }
}
