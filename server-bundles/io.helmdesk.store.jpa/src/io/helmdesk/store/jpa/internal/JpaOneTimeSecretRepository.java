package io.helmdesk.store.jpa.internal;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.store.api.OneTimeSecretRecord;
import io.helmdesk.store.api.OneTimeSecretRepository;

/** {@link OneTimeSecretRepository} on the server database. */
@Component
public class JpaOneTimeSecretRepository implements OneTimeSecretRepository {

    private final JpaDatabase database;

    @Activate
    public JpaOneTimeSecretRepository(@Reference JpaDatabase database) {
        this.database = database;
    }

    @Override
    public void replace(OneTimeSecretRecord secret) {
        database.inTransaction(em -> {
            em.createQuery("DELETE FROM OneTimeSecretEntity s WHERE s.accountId = :account AND s.purpose = :purpose")
                    .setParameter("account", secret.accountId()).setParameter("purpose", secret.purpose())
                    .executeUpdate();
            em.persist(new OneTimeSecretEntity(secret));
            return null;
        });
    }

    @Override
    public Optional<OneTimeSecretRecord> find(String secretHash) {
        return database.inTransaction(em -> Optional.ofNullable(em.find(OneTimeSecretEntity.class, secretHash))
                .map(OneTimeSecretEntity::toRecord));
    }

    @Override
    public Optional<OneTimeSecretRecord> findFor(String accountId, String purpose) {
        return database.inTransaction(em -> em.createQuery(
                "SELECT s FROM OneTimeSecretEntity s WHERE s.accountId = :account AND s.purpose = :purpose",
                OneTimeSecretEntity.class).setParameter("account", accountId).setParameter("purpose", purpose)
                .getResultStream().findFirst().map(OneTimeSecretEntity::toRecord));
    }

    @Override
    public int wrongTry(String secretHash) {
        return database.inTransaction(em -> {
            OneTimeSecretEntity secret = em.find(OneTimeSecretEntity.class, secretHash, LockModeType.PESSIMISTIC_WRITE);
            if (secret == null) {
                return 0;
            }
            int left = secret.spendTry();
            if (left <= 0) {
                em.remove(secret);
            }
            return Math.max(0, left);
        });
    }

    @Override
    public Optional<OneTimeSecretRecord> take(String secretHash) {
        return database.inTransaction(em -> {
            OneTimeSecretEntity secret = em.find(OneTimeSecretEntity.class, secretHash, LockModeType.PESSIMISTIC_WRITE);
            if (secret == null) {
                return Optional.empty();
            }
            em.remove(secret);
            return Optional.of(secret.toRecord());
        });
    }
}
