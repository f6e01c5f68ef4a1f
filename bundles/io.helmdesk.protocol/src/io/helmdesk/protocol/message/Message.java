package io.helmdesk.protocol.message;

/**
 * A message of the protocol. Sealed, so a {@code switch} over messages is checked for completeness by the compiler;
 * new kinds (screen, input, chat…) join this hierarchy in this package.
 */
public sealed interface Message permits Hello, Welcome, Enroll, EnrollResult, Challenge, Authenticate, Authenticated,
        Heartbeat, HeartbeatAck, Status, PreviewImage, SystemInfo, Command, CommandResult, ErrorMessage, Bye,
        RelayJoin, RelayPaired, DisplayLayout, FrameUpdate, FrameAck, CursorShape, CursorPosition,
        PointerEvent,
        KeyEvent, SpecialKeys, ClipboardText, ChatMessage, FileOffer, FileAccept, FileChunk, FileDone, FileRequest,
        FileListRequest, FileListing, ControlRequest, ControlState, SessionEvent {

    /** The type code this message travels under. */
    MessageType type();
}
