package io.helmdesk.session;

import org.osgi.annotation.versioning.ConsumerType;

import io.helmdesk.protocol.message.Message;

/**
 * Where a session's messages go out: a {@link RelayChannel}, or anything else that queues messages for the peer (an
 * in-memory link in tests). Thread-safe.
 */
@ConsumerType
public interface MessageSender {

    /**
     * Queues a message for the peer; never blocks.
     *
     * @return false when it was not queued: the channel is closed, or it was closed just now because the peer does not
     *         read (see {@link #queuedBytes()})
     */
    boolean send(Message message);

    /**
     * Bytes queued for the peer and not yet sent. A bulk sender waits while this is high rather than queue until the
     * channel gives up on the peer.
     */
    long queuedBytes();
}
