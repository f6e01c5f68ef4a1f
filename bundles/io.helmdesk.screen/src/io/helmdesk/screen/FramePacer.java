package io.helmdesk.screen;

import java.util.ArrayDeque;

/**
 * Paces one session's frames by their acknowledgements, so a slow link gets fewer, fresher and lighter frames instead
 * of a queue. The agent captures only while {@link #mayCapture()}, reports each update it {@link #sent} and each
 * {@link io.helmdesk.protocol.message.FrameAck} it receives, and encodes at the {@link #suggestedQuality()}.
 * <p>
 * From the acknowledgements it estimates the round trip (its minimum is the link's own delay; anything above is time
 * in queues and in transmission of big frames) and the delivery rate. Acknowledgements that come back well above the
 * minimum lower the JPEG quality by {@value #QUALITY_STEP_DOWN}, at most once per round trip; a run of
 * {@value #FAST_ACKS_TO_RAISE} that come back close to it raise it by {@value #QUALITY_STEP_UP}. Pure logic: all times
 * are given by the caller ({@link System#nanoTime()} values), nothing here reads a clock. Safe
 * for two threads, the one that captures and sends and the one that receives the acknowledgements.
 */
public final class FramePacer {

    /** Frames in flight: one being drawn while the next travels. */
    public static final int DEFAULT_MAX_UNACKNOWLEDGED = 2;

    static final int QUALITY_STEP_DOWN = 10;

    static final int QUALITY_STEP_UP = 5;

    static final int FAST_ACKS_TO_RAISE = 8;

    /** An acknowledgement is slow beyond the minimum round trip plus this plus half the minimum. */
    static final long SLOW_EXTRA_NANOS = 50_000_000L;

    /** An acknowledgement is fast within the minimum round trip plus this plus a quarter of the minimum. */
    static final long FAST_EXTRA_NANOS = 10_000_000L;

    private static final int RATE_SAMPLES = 16;

    private record InFlight(long frameId, int bytes, long sentNanos) {
    }

    private final int maxUnacknowledged;

    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();

    private boolean anySent;

    private long lastSentId;

    private long minRoundTrip = -1;

    private long smoothedRoundTrip = -1;

    private final long[] rateSamples = new long[RATE_SAMPLES];

    private int rateCount;

    private boolean anyAcknowledged;

    private long lastAckNanos;

    private boolean anyDecrease;

    private long lastDecreaseNanos;

    private int fastAcks;

    private int quality;

    /** Two frames in flight, starting at the default JPEG quality. */
    public FramePacer() {
        this(DEFAULT_MAX_UNACKNOWLEDGED, EncoderSettings.DEFAULT_JPEG_QUALITY);
    }

    public FramePacer(int maxUnacknowledged, int initialQuality) {
        if (maxUnacknowledged < 1) {
            throw new IllegalArgumentException("maxUnacknowledged " + maxUnacknowledged + " is less than 1");
        }
        if (initialQuality < EncoderSettings.MIN_JPEG_QUALITY || initialQuality > EncoderSettings.MAX_JPEG_QUALITY) {
            throw new IllegalArgumentException("JPEG quality " + initialQuality + " is not between "
                    + EncoderSettings.MIN_JPEG_QUALITY + " and " + EncoderSettings.MAX_JPEG_QUALITY);
        }
        this.maxUnacknowledged = maxUnacknowledged;
        this.quality = initialQuality;
    }

    /** Whether fewer than the allowed number of frames are unacknowledged. */
    public synchronized boolean mayCapture() {
        return inFlight.size() < maxUnacknowledged;
    }

    /**
     * An update went out.
     *
     * @param frameId greater than every earlier one
     * @param bytes its encoded size
     * @param nanos when it was handed to the connection
     */
    public synchronized void sent(long frameId, int bytes, long nanos) {
        if (anySent && frameId <= lastSentId) {
            throw new IllegalArgumentException("Frame " + frameId + " is not after frame " + lastSentId);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("Frame " + frameId + " has " + bytes + " bytes");
        }
        anySent = true;
        lastSentId = frameId;
        inFlight.addLast(new InFlight(frameId, bytes, nanos));
    }

    /**
     * The viewer drew {@code frameId} and every frame before it. Acknowledgements of nothing in flight (repeated)
     * change nothing, and so does one of a frame never sent, which no viewer that counts right sends.
     *
     * @return {@code false} for a frame never sent
     */
    public synchronized boolean acknowledged(long frameId, long nanos) {
        if (!anySent || frameId > lastSentId) {
            return false;
        }
        InFlight oldest = null;
        InFlight newest = null;
        long bytes = 0;
        while (!inFlight.isEmpty() && inFlight.peekFirst().frameId() <= frameId) {
            newest = inFlight.pollFirst();
            oldest = oldest == null ? newest : oldest;
            bytes += newest.bytes();
        }
        if (newest == null) {
            return true;
        }
        long roundTrip = Math.max(0, nanos - newest.sentNanos());
        minRoundTrip = minRoundTrip < 0 ? roundTrip : Math.min(minRoundTrip, roundTrip);
        smoothedRoundTrip = smoothedRoundTrip < 0 ? roundTrip : smoothedRoundTrip + (roundTrip - smoothedRoundTrip) / 8;
        // The link carried these bytes since the previous acknowledgement or since they were sent, whichever is later
        long since = oldest.sentNanos();
        if (anyAcknowledged && lastAckNanos - since > 0) {
            since = lastAckNanos;
        }
        long elapsed = nanos - since;
        if (elapsed > 0 && bytes > 0) {
            rateSamples[rateCount++ % RATE_SAMPLES] = (long) (bytes * 1e9 / elapsed);
        }
        anyAcknowledged = true;
        lastAckNanos = nanos;
        adaptQuality(newest, roundTrip, nanos);
        return true;
    }

    private void adaptQuality(InFlight frame, long roundTrip, long nanos) {
        long extra = roundTrip - minRoundTrip;
        if (extra > SLOW_EXTRA_NANOS + minRoundTrip / 2) {
            fastAcks = 0;
            // Frames sent before the last step down were encoded at the old quality: judge only later ones
            if (!anyDecrease || frame.sentNanos() - lastDecreaseNanos > 0) {
                quality = Math.max(EncoderSettings.MIN_JPEG_QUALITY, quality - QUALITY_STEP_DOWN);
                anyDecrease = true;
                lastDecreaseNanos = nanos;
            }
        } else if (extra <= FAST_EXTRA_NANOS + minRoundTrip / 4) {
            if (++fastAcks >= FAST_ACKS_TO_RAISE) {
                fastAcks = 0;
                quality = Math.min(EncoderSettings.MAX_JPEG_QUALITY, quality + QUALITY_STEP_UP);
            }
        } else {
            fastAcks = 0;
        }
    }

    /** The JPEG quality the link carries, {@link EncoderSettings#MIN_JPEG_QUALITY} to the maximum. */
    public synchronized int suggestedQuality() {
        return quality;
    }

    public synchronized int unacknowledged() {
        return inFlight.size();
    }

    /** The smoothed round trip from a frame's sending to its acknowledgement, or -1 before the first one. */
    public synchronized long roundTripNanos() {
        return smoothedRoundTrip;
    }

    /** The shortest round trip seen, or -1 before the first acknowledgement. */
    public synchronized long minRoundTripNanos() {
        return minRoundTrip;
    }

    /**
     * The delivery rate: the best of the recent samples (bytes acknowledged over the time the link carried them), or -1
     * before the first one. While the screen changes little it says how much was needed, not how much the link holds.
     */
    public synchronized long bytesPerSecond() {
        long best = -1;
        for (int i = 0; i < Math.min(rateCount, RATE_SAMPLES); i++) {
            best = Math.max(best, rateSamples[i]);
        }
        return best;
    }
}
