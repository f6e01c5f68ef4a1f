package io.helmdesk.store.jpa.internal;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.store.api.EnrollmentTokenRecord;
import io.helmdesk.store.api.EnrollmentTokenRepository;

/** {@link EnrollmentTokenRepository} on the server database. */
@Component
public class JpaEnrollmentTokenRepository implements EnrollmentTokenRepository {

    private final JpaDatabase database;

    @Activate
    public JpaEnrollmentTokenRepository(@Reference JpaDatabase database) {
        this.database = database;
    }

    @Override
    public void insert(EnrollmentTokenRecord token) {
        database.inTransaction(em -> {
            em.persist(new EnrollmentTokenEntity(token));
            return null;
        });
    }

    @Override
    public List<EnrollmentTokenRecord> listForAccount(String accountId) {
        return database.inTransaction(em -> em
                .createQuery("SELECT t FROM EnrollmentTokenEntity t WHERE t.accountId = :account "
                        + "ORDER BY t.createdAt DESC", EnrollmentTokenEntity.class)
                .setParameter("account", accountId).getResultStream().map(EnrollmentTokenEntity::toRecord).toList());
    }

    @Override
    public Optional<EnrollmentTokenRecord> use(String tokenHash, long now) {
        return database.inTransaction(em -> {
            Optional<EnrollmentTokenEntity> token = em
                    .createQuery("SELECT t FROM EnrollmentTokenEntity t WHERE t.tokenHash = :hash",
                            EnrollmentTokenEntity.class)
                    .setParameter("hash", tokenHash).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream()
                    .findFirst();
            if (token.isEmpty()) {
                return Optional.empty();
            }
            EnrollmentTokenRecord before = token.get().toRecord();
            return token.get().use(now) ? Optional.of(before) : Optional.empty();
        });
    }

    @Override
    public boolean revoke(String accountId, String tokenId, long now) {
        return database.inTransaction(em -> {
            EnrollmentTokenEntity token = em.find(EnrollmentTokenEntity.class, tokenId);
            return token != null && token.accountId().equals(accountId) && token.revoke(now);
        });
    }
}
