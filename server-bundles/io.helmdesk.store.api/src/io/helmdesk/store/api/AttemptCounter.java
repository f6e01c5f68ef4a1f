package io.helmdesk.store.api;

/**
 * Failed attempts in one bucket (e.g. password checks of one account, or from one address) within a window.
 * Times are epoch milliseconds.
 *
 * @param consecutive failures since the last success, for growing delays
 * @param blockedUntil no attempt is accepted before this time
 */
public record AttemptCounter(String bucket, int failures, int consecutive, long windowStart, long blockedUntil) {
}
