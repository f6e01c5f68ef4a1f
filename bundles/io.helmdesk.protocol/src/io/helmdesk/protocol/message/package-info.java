/**
 * The messages of the Helmdesk wire protocol: one sealed {@link io.helmdesk.protocol.message.Message} type with a
 * record per message, their type codes ({@link io.helmdesk.protocol.message.MessageType}) and the
 * {@link io.helmdesk.protocol.message.MessageCodec} between messages and frames. Record constructors refuse values
 * that could not go on the wire, so every message that exists can be encoded. Byte arrays are shared, not copied:
 * treat them as read-only. See {@code docs/protocol.md}.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.protocol.message;
