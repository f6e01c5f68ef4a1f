/**
 * The remote screen as tiles: the agent's {@link io.helmdesk.screen.ScreenEncoder} turns captured frames into
 * {@link io.helmdesk.protocol.message.FrameUpdate}s that carry only what changed (with scrolled and moved content sent
 * as copies of what the viewer already has), the console's {@link io.helmdesk.screen.ScreenDecoder} applies them and
 * refuses malformed ones, the {@link io.helmdesk.screen.FramePacer} decides when the agent may capture and which JPEG
 * quality the link carries, and {@link io.helmdesk.screen.CursorImages} converts pointer pictures. Pixels are
 * {@code 0x00RRGGBB} ints. The tile data layouts are those of {@code docs/protocol.md}.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.screen;
