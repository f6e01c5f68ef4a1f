/**
 * The frame layer of the Helmdesk wire protocol: length-prefixed binary {@link io.helmdesk.protocol.Frame}s, an
 * incremental {@link io.helmdesk.protocol.FrameDecoder} that checks the length limit before it allocates, the
 * {@link io.helmdesk.protocol.FrameEncoder}, and the payload primitives every message codec uses. No Java
 * serialization. Byte arrays handed in or out are shared, not copied: treat them as read-only. See
 * {@code docs/protocol.md}.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.protocol;
