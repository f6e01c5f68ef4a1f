package io.helmdesk.protocol.message;

/**
 * The text on one side's clipboard, sent when it changes; refused by the receiver when the session does not allow
 * clipboard sharing.
 *
 * @param text at most {@link Limits#CLIPBOARD_BYTES} in UTF-8
 */
public record ClipboardText(String text) implements Message {

    public ClipboardText {
        Checks.text("text", text, Limits.CLIPBOARD_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.CLIPBOARD_TEXT;
    }

    @Override
    public String toString() {
        return "ClipboardText[" + text.length() + " characters]";
    }
}
