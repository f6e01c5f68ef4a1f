package io.helmdesk.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Writes frames. The limit is the receiver's, so that nothing is sent that the peer would refuse. Stateless apart from
 * the limit; safe to share.
 */
public final class FrameEncoder {

    private final int maxPayloadLength;

    public FrameEncoder(int maxPayloadLength) {
        Frame.checkLimit(maxPayloadLength);
        this.maxPayloadLength = maxPayloadLength;
    }

    public int maxPayloadLength() {
        return maxPayloadLength;
    }

    /** The frame, header and payload, in a new array. */
    public byte[] encode(Frame frame) {
        check(frame);
        byte[] bytes = new byte[frame.encodedLength()];
        int headerLength = writeHeader(frame, bytes);
        System.arraycopy(frame.payload(), 0, bytes, headerLength, frame.payload().length);
        return bytes;
    }

    /**
     * Puts the frame into {@code out}, big-endian whatever the buffer's byte order.
     *
     * @throws BufferOverflowException when {@code out} has less than {@link Frame#encodedLength()} bytes left; nothing
     *             was written then
     */
    public void encode(Frame frame, ByteBuffer out) {
        check(frame);
        if (out.remaining() < frame.encodedLength()) {
            throw new BufferOverflowException();
        }
        byte[] header = new byte[Frame.MAX_HEADER_LENGTH];
        out.put(header, 0, writeHeader(frame, header));
        out.put(frame.payload());
    }

    public void write(Frame frame, OutputStream out) throws IOException {
        check(frame);
        byte[] header = new byte[Frame.MAX_HEADER_LENGTH];
        out.write(header, 0, writeHeader(frame, header));
        out.write(frame.payload());
    }

    private void check(Frame frame) {
        int length = frame.payload().length;
        if (length > maxPayloadLength) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
                    "Frame of " + length + " bytes exceeds the " + maxPayloadLength + "-byte limit");
        }
    }

    /** Writes the frame's header at the start of {@code header}; returns its length. */
    private static int writeHeader(Frame frame, byte[] header) {
        int length = frame.payload().length;
        if (frame.hasShortHeader()) {
            header[0] = (byte) Frame.SHORT_MARKER;
            header[1] = (byte) (frame.type() >>> 8);
            header[2] = (byte) frame.type();
            header[3] = (byte) length;
            return Frame.SHORT_HEADER_LENGTH;
        }
        header[0] = (byte) Frame.MARKER;
        header[1] = (byte) frame.flags();
        header[2] = (byte) (frame.type() >>> 8);
        header[3] = (byte) frame.type();
        header[4] = (byte) (length >>> 24);
        header[5] = (byte) (length >>> 16);
        header[6] = (byte) (length >>> 8);
        header[7] = (byte) length;
        return Frame.LONG_HEADER_LENGTH;
    }
}
