package io.helmdesk.store.jpa.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.store.api.ExternalIdentityRecord;
import io.helmdesk.store.api.ExternalIdentityRepository;

/** {@link ExternalIdentityRepository} on the server database. */
@Component
public class JpaExternalIdentityRepository implements ExternalIdentityRepository {

    private final JpaDatabase database;

    @Activate
    public JpaExternalIdentityRepository(@Reference JpaDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<ExternalIdentityRecord> find(String providerId, String subject) {
        return database.inTransaction(em -> Optional
                .ofNullable(em.find(ExternalIdentityEntity.class, ExternalIdentityEntity.key(providerId, subject)))
                .map(ExternalIdentityEntity::toRecord));
    }

    @Override
    public boolean link(ExternalIdentityRecord identity) {
        return database.inTransaction(em -> {
            if (em.find(ExternalIdentityEntity.class,
                    ExternalIdentityEntity.key(identity.providerId(), identity.subject())) != null) {
                return false;
            }
            em.persist(new ExternalIdentityEntity(identity));
            return true;
        });
    }
}
