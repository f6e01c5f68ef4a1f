package io.helmdesk.screen;

import java.nio.IntBuffer;
import java.util.List;

import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.protocol.message.FrameUpdate.Tile;
import io.helmdesk.protocol.message.FrameUpdate.TileEncoding;
import io.helmdesk.protocol.message.MessageCodec;
import io.helmdesk.screen.internal.JpegCodec;

/** An encoder and a decoder joined as agent and console are: every update goes through the wire codec. */
final class Session {

    final ScreenEncoder encoder;

    final ScreenDecoder decoder;

    private final int width;

    private final int height;

    Session(int width, int height, EncoderSettings settings, JpegCodec jpeg) {
        this.width = width;
        this.height = height;
        this.encoder = new ScreenEncoder(width, height, settings, jpeg);
        this.decoder = new ScreenDecoder(width, height, jpeg);
    }

    /** Encodes with a full-screen hint. */
    FrameUpdate send(int[] frame) {
        return send(frame, List.of(Region.screen(width, height)));
    }

    FrameUpdate send(int[] frame, List<Region> hints) {
        return send(frame, hints, System.nanoTime());
    }

    /** As captured at {@code capturedAtNanos}, for tests of what depends on time. */
    FrameUpdate send(int[] frame, List<Region> hints, long capturedAtNanos) {
        FrameUpdate update = encoder.encode(IntBuffer.wrap(frame), width, hints, capturedAtNanos);
        FrameUpdate received = (FrameUpdate) MessageCodec.decode(MessageCodec.encode(update));
        decoder.apply(received);
        return received;
    }

    int[] picture() {
        return decoder.pixels();
    }

    static int bytes(FrameUpdate update) {
        return MessageCodec.encode(update).payload().length;
    }

    static long count(FrameUpdate update, TileEncoding encoding) {
        return update.tiles().stream().filter(tile -> tile.encoding() == encoding).count();
    }

    static List<Tile> tiles(FrameUpdate update, TileEncoding encoding) {
        return update.tiles().stream().filter(tile -> tile.encoding() == encoding).toList();
    }
}
