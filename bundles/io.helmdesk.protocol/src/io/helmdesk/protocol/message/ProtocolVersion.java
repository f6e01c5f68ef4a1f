package io.helmdesk.protocol.message;

import java.util.OptionalInt;

/**
 * Protocol versions. The client's hello offers a range; the server picks the highest version both speak and names it
 * in its welcome, or answers {@code UNSUPPORTED_VERSION} and closes.
 */
public final class ProtocolVersion {

    /** The oldest version this code speaks. */
    public static final int OLDEST_SUPPORTED = 1;

    /** The newest version this code speaks. */
    public static final int CURRENT = 1;

    private ProtocolVersion() {
    }

    /** The highest version in both this code's range and the peer's, if any. */
    public static OptionalInt negotiate(int peerMin, int peerMax) {
        return negotiate(peerMin, peerMax, OLDEST_SUPPORTED, CURRENT);
    }

    /** The highest version in both ranges, if any. */
    public static OptionalInt negotiate(int peerMin, int peerMax, int ownMin, int ownMax) {
        int version = Math.min(peerMax, ownMax);
        return version >= Math.max(peerMin, ownMin) ? OptionalInt.of(version) : OptionalInt.empty();
    }
}
