package io.helmdesk.screen.internal;

import java.nio.IntBuffer;

/** One encode call's view of both pictures: the captured frame and the encoder's model of the viewer's picture. */
final class FrameView {

    static final int TILE = TiledEncoder.TILE;

    final IntBuffer pixels;

    final int stride;

    final int[] model;

    final int width;

    final int height;

    final int tilesX;

    final int tilesY;

    /** Tiles whose captured pixels differ from the model. */
    final boolean[] dirty;

    FrameView(IntBuffer pixels, int stride, int[] model, int width, int height, boolean[] dirty) {
        this.pixels = pixels;
        this.stride = stride;
        this.model = model;
        this.width = width;
        this.height = height;
        this.tilesX = (width + TILE - 1) / TILE;
        this.tilesY = (height + TILE - 1) / TILE;
        this.dirty = dirty;
    }

    /** Copies {@code length} captured pixels of row {@code y} from {@code x} on into {@code into}. */
    void capturedRow(int y, int x, int length, int[] into) {
        pixels.get(y * stride + x, into, 0, length);
    }

    boolean dirty(int tileX, int tileY) {
        return dirty[tileY * tilesX + tileX];
    }
}
