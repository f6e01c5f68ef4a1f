package io.helmdesk.protocol.message;

/**
 * The viewer asks the agent for a file of the agent's chosen folder; the agent answers with a {@link FileOffer} of
 * the same transfer id, or a {@link FileDone} refusing it.
 *
 * @param transferId chosen by the viewer, unique in the session
 * @param path relative to the agent's chosen folder, as in {@link FileOffer#name()}
 */
public record FileRequest(long transferId, String path) implements Message {

    public FileRequest {
        Checks.relativePath("path", path);
    }

    @Override
    public MessageType type() {
        return MessageType.FILE_REQUEST;
    }
}
