package io.helmdesk.store.jpa.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.store.api.SessionRecord;
import io.helmdesk.store.api.SessionRepository;

/** {@link SessionRepository} on the server database. */
@Component
public class JpaSessionRepository implements SessionRepository {

    private final JpaDatabase database;

    @Activate
    public JpaSessionRepository(@Reference JpaDatabase database) {
        this.database = database;
    }

    @Override
    public void insert(SessionRecord session) {
        database.inTransaction(em -> {
            em.persist(new SessionEntity(session));
            return null;
        });
    }

    @Override
    public Optional<SessionRecord> find(String tokenHash) {
        return database.inTransaction(em -> Optional.ofNullable(em.find(SessionEntity.class, tokenHash))
                .map(SessionEntity::toRecord));
    }

    @Override
    public void touch(String tokenHash, long lastUsedAt) {
        database.inTransaction(em -> {
            SessionEntity session = em.find(SessionEntity.class, tokenHash);
            if (session != null) {
                session.touch(lastUsedAt);
            }
            return null;
        });
    }

    @Override
    public void delete(String tokenHash) {
        database.inTransaction(em -> em.createQuery("DELETE FROM SessionEntity s WHERE s.tokenHash = :hash")
                .setParameter("hash", tokenHash).executeUpdate());
    }

    @Override
    public int deleteForAccount(String accountId, String keepTokenHash) {
        return database.inTransaction(em -> em
                .createQuery("DELETE FROM SessionEntity s WHERE s.accountId = :account AND s.tokenHash <> :keep")
                .setParameter("account", accountId).setParameter("keep", keepTokenHash == null ? "" : keepTokenHash)
                .executeUpdate());
    }

    @Override
    public int deleteExpired(long now, long idleBefore) {
        return database.inTransaction(em -> em
                .createQuery("DELETE FROM SessionEntity s WHERE s.expiresAt <= :now OR s.lastUsedAt < :idle")
                .setParameter("now", now).setParameter("idle", idleBefore).executeUpdate());
    }
}
