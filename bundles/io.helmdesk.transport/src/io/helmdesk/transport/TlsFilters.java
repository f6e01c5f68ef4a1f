package io.helmdesk.transport;

import javax.net.ssl.SSLContext;

import org.apache.mina.core.filterchain.IoFilter;

import io.helmdesk.transport.internal.TlsFilter;

/**
 * The TLS filter every Helmdesk port uses, for MINA services built outside this bundle (the session relay forwards
 * raw bytes, so it has its own acceptor): TLS 1.3 and 1.2 only, no reverse DNS lookups on the network threads.
 */
public final class TlsFilters {

    private TlsFilters() {
    }

    /** A new filter for one acceptor or connector; server or client mode follows the session. */
    public static IoFilter of(SSLContext context) {
        return new TlsFilter(context);
    }
}
