package io.helmdesk.store.api;

import org.osgi.annotation.versioning.ProviderType;

/** Checks the database the store runs on; used by the health endpoint. */
@ProviderType
public interface DatabaseStatusService {

    /** Queries the database now and reports what it found; never throws. */
    DatabaseStatus status();
}
