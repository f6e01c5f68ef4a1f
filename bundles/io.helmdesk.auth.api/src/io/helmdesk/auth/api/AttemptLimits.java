package io.helmdesk.auth.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's limits on failed attempts, for every check of a secret outside this API (enrollment tokens, codes of
 * other features): counters per bucket kept in the database, so a restart does not reset them; three free failures in
 * a row, then growing delays, and an hourly cap.
 */
@ProviderType
public interface AttemptLimits {

    /**
     * Refuses the attempt if the bucket is blocked now.
     *
     * @param bucket what is limited, e.g. {@code "enrollment:address:203.0.113.7"}
     * @throws RateLimitedException with the seconds to wait
     */
    void check(String bucket);

    /** Counts a failure against the bucket. */
    void failed(String bucket);

    /** Ends the bucket's run of consecutive failures (not its hourly count). */
    void succeeded(String bucket);
}
