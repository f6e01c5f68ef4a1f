package io.helmdesk.session.internal;

import io.helmdesk.protocol.message.Limits;

/** Sentences that carry names chosen by the peer: cut to what a message's text field holds. */
public final class Sentences {

    private Sentences() {
    }

    /**
     * The longest prefix of {@code text} that fits in {@link Limits#TEXT_BYTES} of UTF-8, cut between code points,
     * with lone surrogates (which UTF-8 cannot carry) replaced by U+FFFD.
     */
    public static String fit(String text) {
        StringBuilder fitted = new StringBuilder(Math.min(text.length(), Limits.TEXT_BYTES));
        int bytes = 0;
        for (int i = 0; i < text.length();) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                codePoint = 0xFFFD;
            }
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > Limits.TEXT_BYTES) {
                break;
            }
            bytes += size;
            fitted.appendCodePoint(codePoint);
        }
        return fitted.toString();
    }

    /** A name for a sentence: quoted, and shortened in the middle when it is long. */
    public static String quote(String name) {
        if (name.length() <= 200) {
            return "'" + name + "'";
        }
        return "'" + name.substring(0, 120) + "…" + name.substring(name.length() - 60) + "'";
    }
}
