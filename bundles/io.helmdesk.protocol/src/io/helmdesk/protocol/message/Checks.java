package io.helmdesk.protocol.message;

import java.util.Objects;

/** The argument checks of the message records; each failure is an IllegalArgumentException naming the field. */
final class Checks {

    private Checks() {
    }

    /** Non-null, valid Unicode, at most {@code maxBytes} in UTF-8; may be empty. */
    static String text(String field, String value, int maxBytes) {
        Objects.requireNonNull(value, field);
        int length = utf8Length(field, value);
        if (length > maxBytes) {
            throw new IllegalArgumentException(
                    field + " is " + length + " bytes in UTF-8, more than its " + maxBytes + "-byte limit");
        }
        return value;
    }

    static String nonEmpty(String field, String value, int maxBytes) {
        text(field, value, maxBytes);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        return value;
    }

    static byte[] bytes(String field, byte[] value, int minBytes, int maxBytes) {
        Objects.requireNonNull(value, field);
        if (value.length < minBytes || value.length > maxBytes) {
            throw new IllegalArgumentException(
                    field + " is " + value.length + " bytes, not between " + minBytes + " and " + maxBytes);
        }
        return value;
    }

    static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is not between " + min + " and " + max);
        }
        return value;
    }

    static long notNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " " + value + " is negative");
        }
        return value;
    }

    /**
     * The longest prefix of {@code value} that fits in {@code maxBytes} of UTF-8, cut between code points, with lone
     * surrogates (which UTF-8 cannot carry) replaced by U+FFFD.
     */
    static String fitted(String value, int maxBytes) {
        StringBuilder fitted = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < value.length();) {
            int codePoint = value.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                codePoint = 0xFFFD;
            }
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            fitted.appendCodePoint(codePoint);
        }
        return fitted.toString();
    }

    /**
     * A path relative to a chosen folder: segments separated by {@code /}, none empty, {@code .} or {@code ..}, no
     * backslash, colon or NUL (which some systems read as separators or drive names).
     */
    static String relativePath(String field, String value) {
        nonEmpty(field, value, Limits.TEXT_BYTES);
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(field + " '" + value
                        + "' is not a relative path: empty, '.' or '..' segment, or a leading or trailing '/'");
            }
            if (segment.indexOf('\\') >= 0 || segment.indexOf(':') >= 0 || segment.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(field + " '" + value + "' contains a backslash, colon or NUL");
            }
        }
        return value;
    }

    static String describe(byte[] bytes) {
        return bytes.length + " bytes";
    }

    private static int utf8Length(String field, String value) {
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " is not valid Unicode: a lone surrogate at index " + i);
            } else {
                length += 3;
            }
        }
        return length;
    }
}
