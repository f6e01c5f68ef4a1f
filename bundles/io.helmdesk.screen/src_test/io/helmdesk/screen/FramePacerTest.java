package io.helmdesk.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;

import org.junit.jupiter.api.Test;

/** The pacer against simulated links on a fake clock. */
class FramePacerTest {

    private static final long MS = 1_000_000L;

    /** A fake clock, starting at an arbitrary (negative, as nanoTime may be) value. */
    private long now = -5_000 * MS;

    private final FramePacer pacer = new FramePacer();

    private long frameId;

    @Test
    void allowsTwoFramesInFlight() {
        assertTrue(pacer.mayCapture());
        pacer.sent(1, 1000, now);
        assertTrue(pacer.mayCapture());
        pacer.sent(2, 1000, now);
        assertFalse(pacer.mayCapture());
        assertEquals(2, pacer.unacknowledged());

        now += 10 * MS;
        pacer.acknowledged(1, now);
        assertTrue(pacer.mayCapture());
        pacer.acknowledged(1, now);
        assertEquals(1, pacer.unacknowledged());
        pacer.sent(3, 1000, now);
        assertFalse(pacer.mayCapture());

        // an acknowledgement covers every earlier frame
        pacer.acknowledged(3, now + MS);
        assertEquals(0, pacer.unacknowledged());
        pacer.acknowledged(99, now + MS);
        assertEquals(0, pacer.unacknowledged());
    }

    @Test
    void anAcknowledgementOfAFrameNotSentChangesNothing() {
        assertFalse(pacer.acknowledged(1, now), "nothing sent yet");
        pacer.sent(1, 1000, now);
        pacer.sent(2, 1000, now);
        assertFalse(pacer.acknowledged(3, now + MS));
        assertEquals(2, pacer.unacknowledged(), "frames 1 and 2 are still on their way");
        assertFalse(pacer.mayCapture());
        assertTrue(pacer.acknowledged(2, now + MS));
        assertEquals(0, pacer.unacknowledged());
    }

    @Test
    void refusesFrameIdsThatDoNotIncrease() {
        pacer.sent(5, 10, now);
        assertThrows(IllegalArgumentException.class, () -> pacer.sent(5, 10, now));
        assertThrows(IllegalArgumentException.class, () -> pacer.sent(6, -1, now));
    }

    @Test
    void estimatesRoundTripAndRateOnASaturatedLink() {
        Link link = new Link(2_000_000, 20 * MS);
        run(link, 10_000 * MS, quality -> 100_000);

        // 20 ms each way plus 50 ms to transmit 100 KB at 2 MB/s
        assertEquals(90 * MS, pacer.minRoundTripNanos(), MS);
        assertEquals(2_000_000, pacer.bytesPerSecond(), 2_000_000 * 0.1);
    }

    @Test
    void lowersQualityOnASlowLinkAndRaisesItWhenTheLinkKeepsUp() {
        // 500 KB/s: a 70-quality frame takes 280 ms to transmit, far beyond a small frame's round trip
        Link slow = new Link(500_000, 15 * MS);
        run(slow, 200 * MS, quality -> 2_000); // small frames: the minimum round trip is the link's delay
        run(slow, 20_000 * MS, quality -> quality * 2_000);
        assertEquals(EncoderSettings.MIN_JPEG_QUALITY, pacer.suggestedQuality());

        Link fast = new Link(100_000_000, 15 * MS);
        run(fast, 20_000 * MS, quality -> quality * 2_000);
        assertEquals(EncoderSettings.MAX_JPEG_QUALITY, pacer.suggestedQuality());
    }

    @Test
    void stepsDownOnlyOncePerRoundTrip() {
        pacer.sent(1, 100, now);
        pacer.acknowledged(1, now + 10 * MS); // the minimum: 10 ms
        pacer.sent(2, 100, now + 20 * MS);
        pacer.sent(3, 100, now + 21 * MS);
        // both come back late; the second was sent before the pacer stepped down, so it does not count again
        pacer.acknowledged(2, now + 400 * MS);
        pacer.acknowledged(3, now + 401 * MS);
        assertEquals(EncoderSettings.DEFAULT_JPEG_QUALITY - FramePacer.QUALITY_STEP_DOWN, pacer.suggestedQuality());

        pacer.sent(4, 100, now + 402 * MS);
        pacer.acknowledged(4, now + 800 * MS);
        assertEquals(EncoderSettings.DEFAULT_JPEG_QUALITY - 2 * FramePacer.QUALITY_STEP_DOWN,
                pacer.suggestedQuality());
    }

    @Test
    void raisesAfterARunOfFastAcknowledgements() {
        for (int frame = 1; frame <= FramePacer.FAST_ACKS_TO_RAISE; frame++) {
            assertEquals(EncoderSettings.DEFAULT_JPEG_QUALITY, pacer.suggestedQuality());
            pacer.sent(frame, 5000, now);
            now += 5 * MS;
            pacer.acknowledged(frame, now);
        }
        assertEquals(EncoderSettings.DEFAULT_JPEG_QUALITY + FramePacer.QUALITY_STEP_UP, pacer.suggestedQuality());
        assertEquals(5 * MS, pacer.roundTripNanos());
    }

    /**
     * Runs an agent that captures every 20 ms when the pacer allows, for {@code duration}; the viewer acknowledges
     * each frame as it arrives.
     */
    private void run(Link link, long duration, java.util.function.IntUnaryOperator frameBytes) {
        long end = now + duration;
        while (now - end < 0) {
            link.deliverAcknowledgements(pacer, now);
            if (pacer.mayCapture()) {
                link.send(pacer, frameBytes.applyAsInt(pacer.suggestedQuality()), now);
            }
            now += 20 * MS;
        }
        now = link.deliverAll(pacer, now);
    }

    /** A first-in first-out link with a rate and a one-way delay each way. */
    private final class Link {

        private final long bytesPerSecond;

        private final long delay;

        private final ArrayDeque<long[]> acknowledgements = new ArrayDeque<>();

        private long busyUntil = Long.MIN_VALUE;

        Link(long bytesPerSecond, long delay) {
            this.bytesPerSecond = bytesPerSecond;
            this.delay = delay;
        }

        void send(FramePacer pacer, int bytes, long now) {
            frameId++;
            pacer.sent(frameId, bytes, now);
            long start = busyUntil == Long.MIN_VALUE || busyUntil - now < 0 ? now : busyUntil;
            busyUntil = start + bytes * 1_000_000_000L / bytesPerSecond;
            acknowledgements.add(new long[]{frameId, busyUntil + 2 * delay});
        }

        /** Delivers what is still on the way; returns the time then. */
        long deliverAll(FramePacer pacer, long now) {
            while (!acknowledgements.isEmpty()) {
                long[] acknowledgement = acknowledgements.poll();
                now = acknowledgement[1] - now > 0 ? acknowledgement[1] : now;
                pacer.acknowledged(acknowledgement[0], acknowledgement[1]);
            }
            return now;
        }

        void deliverAcknowledgements(FramePacer pacer, long now) {
            while (!acknowledgements.isEmpty() && acknowledgements.peek()[1] - now <= 0) {
                long[] acknowledgement = acknowledgements.poll();
                pacer.acknowledged(acknowledgement[0], acknowledgement[1]);
            }
        }
    }
}
