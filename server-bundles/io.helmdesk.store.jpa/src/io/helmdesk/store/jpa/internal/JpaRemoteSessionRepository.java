package io.helmdesk.store.jpa.internal;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.store.api.RemoteSessionEventRecord;
import io.helmdesk.store.api.RemoteSessionRecord;
import io.helmdesk.store.api.RemoteSessionRecord.State;
import io.helmdesk.store.api.RemoteSessionRepository;

/** {@link RemoteSessionRepository} on the server database. */
@Component
public class JpaRemoteSessionRepository implements RemoteSessionRepository {

    private final JpaDatabase database;

    @Activate
    public JpaRemoteSessionRepository(@Reference JpaDatabase database) {
        this.database = database;
    }

    @Override
    public void insert(RemoteSessionRecord session) {
        database.inTransaction(em -> {
            em.persist(new RemoteSessionEntity(session));
            return null;
        });
    }

    @Override
    public boolean markActive(String id, long startedAt) {
        // Locked: the pairing and an end arriving at the same moment must not both win.
        return database.inTransaction(em -> {
            RemoteSessionEntity session = em.find(RemoteSessionEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            return session != null && session.markActive(startedAt);
        });
    }

    @Override
    public boolean end(String id, long endedAt, String reason, long bytesFromAgent, long bytesFromConsole) {
        return database.inTransaction(em -> {
            RemoteSessionEntity session = em.find(RemoteSessionEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            return session != null && session.end(endedAt, reason, bytesFromAgent, bytesFromConsole);
        });
    }

    @Override
    public Optional<RemoteSessionRecord> find(String id) {
        return database.inTransaction(
                em -> Optional.ofNullable(em.find(RemoteSessionEntity.class, id)).map(RemoteSessionEntity::toRecord));
    }

    @Override
    public List<RemoteSessionRecord> listForDevice(String deviceId, int limit) {
        // Checked here: EclipseLink reads a maximum of 0 as "no maximum".
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return database.inTransaction(em -> em
                .createQuery("SELECT s FROM RemoteSessionEntity s WHERE s.deviceId = :device "
                        + "ORDER BY s.requestedAt DESC, s.id DESC", RemoteSessionEntity.class)
                .setParameter("device", deviceId).setMaxResults(limit).getResultStream()
                .map(RemoteSessionEntity::toRecord).toList());
    }

    @Override
    public List<RemoteSessionRecord> listOpen() {
        return database.inTransaction(em -> em
                .createQuery("SELECT s FROM RemoteSessionEntity s WHERE s.state <> :ended "
                        + "ORDER BY s.requestedAt, s.id", RemoteSessionEntity.class)
                .setParameter("ended", State.ENDED.name()).getResultStream().map(RemoteSessionEntity::toRecord)
                .toList());
    }

    @Override
    public int endAllOpen(long at, String reason) {
        // One statement; EclipseLink drops the changed rows from its cache after a bulk update.
        return database.inTransaction(em -> em
                .createQuery("UPDATE RemoteSessionEntity s SET s.state = :ended, s.endedAt = :at, "
                        + "s.endReason = :reason WHERE s.state <> :ended")
                .setParameter("ended", State.ENDED.name()).setParameter("at", at)
                .setParameter("reason", ColumnText.fit(reason, RemoteSessionRecord.MAX_END_REASON_LENGTH))
                .executeUpdate());
    }

    @Override
    public void addEvent(RemoteSessionEventRecord event) {
        String kind = event.kind();
        if (kind == null || kind.isEmpty() || kind.length() > RemoteSessionEventRecord.MAX_KIND_LENGTH) {
            throw new IllegalArgumentException("An event kind is 1 to " + RemoteSessionEventRecord.MAX_KIND_LENGTH
                    + " characters, got '" + kind + "'");
        }
        database.inTransaction(em -> {
            // Checked first so a wrong id is the caller's error, not a constraint violation at commit.
            if (em.find(RemoteSessionEntity.class, event.sessionId()) == null) {
                throw new IllegalArgumentException("No remote session " + event.sessionId());
            }
            em.persist(new RemoteSessionEventEntity(event));
            return null;
        });
    }

    @Override
    public List<RemoteSessionEventRecord> events(String sessionId) {
        return database.inTransaction(em -> em
                .createQuery("SELECT e FROM RemoteSessionEventEntity e WHERE e.sessionId = :session "
                        + "ORDER BY e.atMillis, e.id", RemoteSessionEventEntity.class)
                .setParameter("session", sessionId).getResultStream().map(RemoteSessionEventEntity::toRecord)
                .toList());
    }
}
