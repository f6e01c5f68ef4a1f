package io.helmdesk.protocol.message;

/**
 * A line of the session chat.
 *
 * @param sentAtMillis the sender's wall clock
 * @param author the name the other side sees
 * @param text 1 to {@link Limits#TEXT_BYTES} in UTF-8
 */
public record ChatMessage(long sentAtMillis, String author, String text) implements Message {

    public ChatMessage {
        Checks.text("author", author, Limits.NAME_BYTES);
        Checks.nonEmpty("text", text, Limits.TEXT_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.CHAT_MESSAGE;
    }
}
