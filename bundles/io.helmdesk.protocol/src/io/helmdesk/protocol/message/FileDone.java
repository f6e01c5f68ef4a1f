package io.helmdesk.protocol.message;

/**
 * The end of a transfer, from either side: the receiver confirms the checksum or refuses the offer, either side
 * cancels.
 *
 * @param transferId the offer's
 * @param success whether the file arrived whole with the announced SHA-256
 * @param message why not, or where the file was saved; may be empty
 */
public record FileDone(long transferId, boolean success, String message) implements Message {

    public FileDone {
        Checks.text("message", message, Limits.TEXT_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.FILE_DONE;
    }
}
