/**
 * TLS connections that carry Helmdesk protocol messages: a {@link io.helmdesk.transport.TransportServer} in the server
 * and a {@link io.helmdesk.transport.TransportClient} (kept up by a {@link io.helmdesk.transport.Reconnector}) in the
 * agent: the server on plain NIO (a few selector threads, no buffer per idle connection), the client on Apache MINA. Agents trust exactly one server certificate, pinned by its SHA-256 fingerprint
 * ({@link io.helmdesk.transport.PinnedTrust}); the server keeps that certificate across restarts
 * ({@link io.helmdesk.transport.ServerIdentity}). Every connection bounds what it holds: the frame limit is checked
 * before allocation, outbound bytes are counted and a peer that does not read is dropped, and silent or half-open
 * peers are closed by timeouts. Messages and frames are those of {@code io.helmdesk.protocol} ({@code docs/protocol.md}).
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.transport;
