package io.helmdesk.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a byte stream into frames, whatever the chunks it arrives in. One decoder per connection, used by one thread at
 * a time.
 *
 * <p>
 * The announced payload length is checked against {@link #maxPayloadLength()} as soon as the header is complete, before
 * anything is allocated for the payload. The payload buffer then grows with the bytes that actually arrive (up to the
 * announced length, never beyond), so a peer that announces a large frame and sends nothing holds little memory.
 *
 * <p>
 * After a {@link ProtocolException} the stream is out of step: the decoder refuses all further input and the
 * connection must be closed.
 */
public final class FrameDecoder {

    private static final int INITIAL_PAYLOAD_CAPACITY = 8 * 1024;

    private int maxPayloadLength;
    private final byte[] header = new byte[Frame.MAX_HEADER_LENGTH];
    private int headerFilled;
    /** The length of the header being read, known from its first byte; 0 before it. */
    private int headerLength;
    private int type;
    private int flags;
    private int length;
    private byte[] payload;
    private int payloadFilled;
    private ProtocolException failure;
    private byte[] chunk;

    /**
     * @param maxPayloadLength the longest payload accepted, e.g. {@link Frame#PRE_AUTHENTICATION_MAX_PAYLOAD} on a
     *            fresh connection
     */
    public FrameDecoder(int maxPayloadLength) {
        Frame.checkLimit(maxPayloadLength);
        this.maxPayloadLength = maxPayloadLength;
    }

    public int maxPayloadLength() {
        return maxPayloadLength;
    }

    /**
     * Changes the limit, e.g. raises it once the peer is authenticated. A frame whose header is already complete keeps
     * the limit it was checked against.
     */
    public void setMaxPayloadLength(int maxPayloadLength) {
        Frame.checkLimit(maxPayloadLength);
        this.maxPayloadLength = maxPayloadLength;
    }

    /**
     * Consumes bytes from {@code in} up to the end of the next frame.
     *
     * @return the frame, or {@code null} when {@code in} ended first (all of it was consumed and kept)
     * @throws ProtocolException when the bytes are not a frame or announce too long a payload
     */
    public Frame decode(ByteBuffer in) {
        failedEarlier();
        try {
            return step(in);
        } catch (ProtocolException e) {
            failure = e;
            throw e;
        }
    }

    /** Every frame that completes within {@code in}; the bytes of an unfinished frame are consumed and kept. */
    public List<Frame> decodeAll(ByteBuffer in) {
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        while ((frame = decode(in)) != null) {
            frames.add(frame);
        }
        return frames;
    }

    /**
     * Reads the next frame from a blocking stream, never reading past its end.
     *
     * @return the frame, or {@code null} when the stream ended cleanly between frames
     * @throws ProtocolException when the bytes are not a frame, or the stream ends inside one
     */
    public Frame read(InputStream in) throws IOException {
        if (chunk == null) {
            chunk = new byte[INITIAL_PAYLOAD_CAPACITY];
        }
        while (true) {
            // Before the marker says which header follows, no more than the short header: a whole frame may be
            // no longer.
            int wanted = headerFilled == 0
                    ? Frame.SHORT_HEADER_LENGTH
                    : headerFilled < headerLength
                            ? headerLength - headerFilled
                            : Math.min(length - payloadFilled, chunk.length);
            int read = in.read(chunk, 0, wanted);
            if (read < 0) {
                endOfStream();
                return null;
            }
            Frame frame = decode(ByteBuffer.wrap(chunk, 0, read));
            if (frame != null) {
                return frame;
            }
        }
    }

    /** Whether bytes of an unfinished frame are held. */
    public boolean isInsideFrame() {
        return headerFilled > 0;
    }

    /**
     * Tells the decoder that the stream ended.
     *
     * @throws ProtocolException when it ended inside a frame
     */
    public void endOfStream() {
        failedEarlier();
        if (headerFilled > 0 && headerFilled < headerLength) {
            throw new ProtocolException(ErrorCode.PROTOCOL_VIOLATION,
                    "Stream ended inside a frame header: " + headerFilled + " of " + headerLength + " bytes");
        }
        if (headerFilled > 0) {
            throw new ProtocolException(ErrorCode.PROTOCOL_VIOLATION, "Stream ended inside a frame of type "
                    + Frame.hex(type) + ": " + payloadFilled + " of " + length + " payload bytes");
        }
    }

    /** After a failure the stream is out of step: everything after it is refused with the first failure's cause. */
    private void failedEarlier() {
        if (failure != null) {
            throw new ProtocolException(failure.code(), "The stream failed earlier: " + failure.getMessage(),
                    failure);
        }
    }

    private Frame step(ByteBuffer in) {
        if (headerFilled == 0) {
            if (!in.hasRemaining()) {
                return null;
            }
            // The marker is checked at once: a peer speaking another protocol fails on its first byte.
            header[0] = in.get();
            headerFilled = 1;
            headerLength = Frame.headerLength(header[0] & 0xFF);
            if (headerLength < 0) {
                throw new ProtocolException(ErrorCode.PROTOCOL_VIOLATION,
                        String.format("Not a Helmdesk frame: first byte 0x%02x, expected 0x%02x or 0x%02x",
                                header[0] & 0xFF, Frame.MARKER, Frame.SHORT_MARKER));
            }
        }
        if (headerFilled < headerLength) {
            int count = Math.min(headerLength - headerFilled, in.remaining());
            in.get(header, headerFilled, count);
            headerFilled += count;
            if (headerFilled < headerLength) {
                return null;
            }
            readHeader();
        }
        while (payloadFilled < length && in.hasRemaining()) {
            if (payload == null || payloadFilled == payload.length) {
                // Room for what has arrived and as much again (8 KiB at least), never beyond the announced length:
                // a peer holds at most twice what it sent, and a frame that came in a few large reads takes one
                // array instead of a series of doublings.
                long room = Math.max(INITIAL_PAYLOAD_CAPACITY, 2L * (payloadFilled + in.remaining()));
                int capacity = (int) Math.min(length, room);
                payload = payload == null ? new byte[capacity] : Arrays.copyOf(payload, capacity);
            }
            int count = Math.min(payload.length - payloadFilled, in.remaining());
            in.get(payload, payloadFilled, count);
            payloadFilled += count;
        }
        if (payloadFilled < length) {
            return null;
        }
        Frame frame = new Frame(type, flags, payload);
        headerFilled = 0;
        payload = null;
        payloadFilled = 0;
        return frame;
    }

    private void readHeader() {
        long announced;
        if (headerLength == Frame.SHORT_HEADER_LENGTH) {
            flags = 0;
            type = (header[1] & 0xFF) << 8 | header[2] & 0xFF;
            announced = header[3] & 0xFF;
        } else {
            flags = header[1] & 0xFF;
            type = (header[2] & 0xFF) << 8 | header[3] & 0xFF;
            announced = (header[4] & 0xFFL) << 24 | (header[5] & 0xFF) << 16 | (header[6] & 0xFF) << 8
                    | header[7] & 0xFF;
        }
        if (announced > maxPayloadLength) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
                    "Frame of " + announced + " bytes exceeds the " + maxPayloadLength + "-byte limit");
        }
        length = (int) announced;
        payload = length == 0 ? new byte[0] : null; // allocated as the payload's bytes arrive
        payloadFilled = 0;
    }
}
