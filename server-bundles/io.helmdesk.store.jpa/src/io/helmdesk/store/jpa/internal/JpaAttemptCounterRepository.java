package io.helmdesk.store.jpa.internal;

import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.store.api.AttemptCounter;
import io.helmdesk.store.api.AttemptCounterRepository;

/** {@link AttemptCounterRepository} on the server database; updates lock the counter's row. */
@Component
public class JpaAttemptCounterRepository implements AttemptCounterRepository {

    private final JpaDatabase database;

    @Activate
    public JpaAttemptCounterRepository(@Reference JpaDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<AttemptCounter> find(String bucket) {
        return database.inTransaction(em -> Optional.ofNullable(em.find(AttemptCounterEntity.class, bucket))
                .map(AttemptCounterEntity::toRecord));
    }

    @Override
    public AttemptCounter update(String bucket, UnaryOperator<AttemptCounter> change) {
        try {
            return updateOnce(bucket, change);
        } catch (PersistenceException e) {
            // Two first failures of one bucket raced to insert its row: the row is there now, lock it this time.
            return updateOnce(bucket, change);
        }
    }

    private AttemptCounter updateOnce(String bucket, UnaryOperator<AttemptCounter> change) {
        return database.inTransaction(em -> {
            AttemptCounterEntity entity = em.find(AttemptCounterEntity.class, bucket, LockModeType.PESSIMISTIC_WRITE);
            AttemptCounter current = entity == null ? new AttemptCounter(bucket, 0, 0, 0, 0) : entity.toRecord();
            AttemptCounter changed = change.apply(current);
            if (entity == null) {
                em.persist(new AttemptCounterEntity(changed));
            } else {
                entity.copy(changed);
            }
            return changed;
        });
    }

    @Override
    public void delete(String bucket) {
        database.inTransaction(em -> em.createQuery("DELETE FROM AttemptCounterEntity c WHERE c.bucket = :bucket")
                .setParameter("bucket", bucket).executeUpdate());
    }
}
