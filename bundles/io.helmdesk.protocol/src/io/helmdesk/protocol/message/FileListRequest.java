package io.helmdesk.protocol.message;

/**
 * The viewer asks what a folder of the agent's chosen folder holds; answered with a {@link FileListing}.
 *
 * @param path relative to the chosen folder as in {@link FileOffer#name()}, or empty for the chosen folder itself
 */
public record FileListRequest(String path) implements Message {

    public FileListRequest {
        if (!path.isEmpty()) {
            Checks.relativePath("path", path);
        }
    }

    @Override
    public MessageType type() {
        return MessageType.FILE_LIST_REQUEST;
    }
}
