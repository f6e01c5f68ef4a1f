package io.helmdesk.store.jpa.internal;

/** Free text made to fit a VARCHAR column, for rows that must be stored whatever text they carry. */
final class ColumnText {

    private ColumnText() {
    }

    /**
     * The text cut to at most {@code max} characters, without splitting a surrogate pair, and with NUL characters
     * replaced (PostgreSQL refuses them in text). Null stays null.
     */
    static String fit(String text, int max) {
        if (text == null) {
            return null;
        }
        String cut = text;
        if (cut.length() > max) {
            int end = Character.isHighSurrogate(cut.charAt(max - 1)) ? max - 1 : max;
            cut = cut.substring(0, end);
        }
        return cut.indexOf('\0') < 0 ? cut : cut.replace('\0', '\uFFFD');
    }
}
