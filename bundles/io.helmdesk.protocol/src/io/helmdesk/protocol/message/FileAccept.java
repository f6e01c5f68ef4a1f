package io.helmdesk.protocol.message;

/**
 * The receiver takes an offered file.
 *
 * @param transferId the offer's
 * @param offset the first byte wanted: 0, or the length of the partial copy already received (resume)
 */
public record FileAccept(long transferId, long offset) implements Message {

    public FileAccept {
        Checks.notNegative("offset", offset);
    }

    @Override
    public MessageType type() {
        return MessageType.FILE_ACCEPT;
    }
}
