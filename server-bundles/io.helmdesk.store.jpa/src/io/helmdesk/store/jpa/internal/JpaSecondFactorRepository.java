package io.helmdesk.store.jpa.internal;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.store.api.SecondFactorRecord;
import io.helmdesk.store.api.SecondFactorRepository;

/** {@link SecondFactorRepository} on the server database. */
@Component
public class JpaSecondFactorRepository implements SecondFactorRepository {

    private final JpaDatabase database;

    @Activate
    public JpaSecondFactorRepository(@Reference JpaDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<SecondFactorRecord> find(String accountId) {
        return database.inTransaction(em -> Optional.ofNullable(em.find(SecondFactorEntity.class, accountId))
                .map(SecondFactorEntity::toRecord));
    }

    @Override
    public void save(SecondFactorRecord factor) {
        database.inTransaction(em -> {
            SecondFactorEntity existing = em.find(SecondFactorEntity.class, factor.accountId());
            if (existing == null) {
                em.persist(new SecondFactorEntity(factor));
            } else {
                existing.copy(factor);
            }
            return null;
        });
    }

    @Override
    public void delete(String accountId) {
        database.inTransaction(em -> em.createQuery("DELETE FROM SecondFactorEntity f WHERE f.accountId = :id")
                .setParameter("id", accountId).executeUpdate());
    }

    @Override
    public boolean advance(String accountId, long step) {
        return database.inTransaction(em -> {
            SecondFactorEntity factor = em.find(SecondFactorEntity.class, accountId, LockModeType.PESSIMISTIC_WRITE);
            if (factor == null || step <= factor.lastStep()) {
                return false;
            }
            factor.advance(step);
            return true;
        });
    }
}
