package io.helmdesk.auth.impl.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.auth.api.AttemptLimits;

/** {@link AttemptLimits} on the same counters as passwords, with the per-address hourly cap. */
@Component
public class DefaultAttemptLimits implements AttemptLimits {

    private final Credentials credentials;

    @Activate
    public DefaultAttemptLimits(@Reference Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void check(String bucket) {
        credentials.limiter().check(bucket);
    }

    @Override
    public void failed(String bucket) {
        credentials.limiter().failed(bucket, credentials.failuresPerAddress());
    }

    @Override
    public void succeeded(String bucket) {
        credentials.limiter().succeeded(bucket);
    }
}
