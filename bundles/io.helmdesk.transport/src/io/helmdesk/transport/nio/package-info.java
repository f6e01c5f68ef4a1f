/**
 * Plain NIO building blocks shared by the server's network code: a {@link io.helmdesk.transport.nio.SelectorLoop} is
 * one network thread around one selector (the relay's join and forwarding threads, the agent gateway's threads).
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.transport.nio;
