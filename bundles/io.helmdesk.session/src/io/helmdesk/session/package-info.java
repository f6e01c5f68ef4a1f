/**
 * What both ends of a remote session share, agent (Apache Felix) and console (Equinox) alike, as plain classes that
 * need no OSGi service: {@link io.helmdesk.session.RelayChannel} joins a session through the server's relay with a
 * single-use ticket and then carries the session messages end to end; {@link io.helmdesk.session.FileTransfers} is the
 * file-transfer engine (offers, chunks with CRC-32, SHA-256 of the whole, resume, requests and listings confined to
 * one chosen folder). Messages are those of {@code io.helmdesk.protocol} ({@code docs/protocol.md}).
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.session;
