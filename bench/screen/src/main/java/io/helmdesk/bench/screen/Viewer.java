package io.helmdesk.bench.screen;

import java.io.IOException;

/** A client of a remote screen as the benchmark sees it: what arrived, counted from its start. */
interface Viewer extends AutoCloseable {

    /** Bytes received on the wire (see {@link #bytesMeaning()}). */
    long bytes() throws IOException;

    /** What {@link #bytes()} counts, for the report. */
    String bytesMeaning();

    /** Screen updates received and decoded (frames). */
    long frames();

    /** Non-null when the viewer stopped on its own (the connection failed or ended). */
    String failure();

    /** A short description of the client's settings, for the report. */
    String settings();

    @Override
    void close();
}
