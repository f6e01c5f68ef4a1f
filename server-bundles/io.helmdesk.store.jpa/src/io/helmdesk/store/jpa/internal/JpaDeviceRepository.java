package io.helmdesk.store.jpa.internal;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.store.api.DeviceRecord;
import io.helmdesk.store.api.DeviceRepository;

/** {@link DeviceRepository} on the server database. */
@Component
public class JpaDeviceRepository implements DeviceRepository {

    private static final int TOUCH_BATCH = 500;
    /** As {@link DeviceEntity#touch}: the later time wins, the address is the last one. */
    private static final String TOUCH = "UPDATE helmdesk_device SET last_seen_at = CASE WHEN last_seen_at > CAST(? AS BIGINT)"
            + " THEN last_seen_at ELSE CAST(? AS BIGINT) END, last_address = ? WHERE id = ?";

    private final JpaDatabase database;

    @Activate
    public JpaDeviceRepository(@Reference JpaDatabase database) {
        this.database = database;
    }

    @Override
    public void insert(DeviceRecord device) {
        database.inTransaction(em -> {
            em.persist(new DeviceEntity(device));
            return null;
        });
    }

    @Override
    public Optional<DeviceRecord> find(String deviceId) {
        return database.inTransaction(
                em -> Optional.ofNullable(em.find(DeviceEntity.class, deviceId)).map(DeviceEntity::toRecord));
    }

    @Override
    public Optional<DeviceRecord> findByKeyFingerprint(String keyFingerprint) {
        return database.inTransaction(em -> em
                .createQuery("SELECT d FROM DeviceEntity d WHERE d.keyFingerprint = :fingerprint", DeviceEntity.class)
                .setParameter("fingerprint", keyFingerprint).getResultStream().findFirst()
                .map(DeviceEntity::toRecord));
    }

    @Override
    public List<DeviceRecord> listForAccount(String accountId) {
        return database.inTransaction(em -> em
                .createQuery("SELECT d FROM DeviceEntity d WHERE d.accountId = :account ORDER BY d.displayName",
                        DeviceEntity.class)
                .setParameter("account", accountId).getResultStream().map(DeviceEntity::toRecord).toList());
    }

    @Override
    public List<DeviceRecord> listAll() {
        return database.inTransaction(em -> em
                .createQuery("SELECT d FROM DeviceEntity d ORDER BY d.displayName", DeviceEntity.class)
                .getResultStream().map(DeviceEntity::toRecord).toList());
    }

    @Override
    public void update(DeviceRecord device) {
        database.inTransaction(em -> {
            DeviceEntity existing = em.find(DeviceEntity.class, device.id());
            if (existing != null) {
                existing.copy(device);
            }
            return null;
        });
    }

    @Override
    public void touch(String deviceId, long lastSeenAt, String lastAddress) {
        database.inTransaction(em -> {
            DeviceEntity existing = em.find(DeviceEntity.class, deviceId);
            if (existing != null) {
                existing.touch(lastSeenAt, lastAddress);
            }
            return null;
        });
    }

    @Override
    public void touchAll(Collection<LastSeen> seen) {
        List<LastSeen> all = List.copyOf(seen);
        // Plain JDBC batches: through JPA every device was loaded and cloned for this, a burst of garbage once a
        // minute that a server with 19,000 agents paid for in GC pauses. A commit per batch: Derby takes a row lock
        // per update and escalates to the table at 5,000.
        database.inJdbcTransactions(connection -> {
            try (PreparedStatement update = connection.prepareStatement(TOUCH)) {
                for (int from = 0; from < all.size(); from += TOUCH_BATCH) {
                    for (LastSeen device : all.subList(from, Math.min(all.size(), from + TOUCH_BATCH))) {
                        update.setLong(1, device.at());
                        update.setLong(2, device.at());
                        update.setString(3, device.address());
                        update.setString(4, device.deviceId());
                        update.addBatch();
                    }
                    update.executeBatch();
                    connection.commit();
                }
            }
        });
        database.evict(DeviceEntity.class, all.stream().map(LastSeen::deviceId).toList());
    }

    @Override
    public boolean delete(String deviceId) {
        // Explicit deletes of the dependent rows: JPA's cache must not keep them after the cascade in SQL.
        return database.inTransaction(em -> {
            em.createQuery("DELETE FROM DeviceFavouriteEntity f WHERE f.deviceId = :id").setParameter("id", deviceId)
                    .executeUpdate();
            em.createQuery("DELETE FROM DeviceInfoEntity i WHERE i.deviceId = :id").setParameter("id", deviceId)
                    .executeUpdate();
            return em.createQuery("DELETE FROM DeviceEntity d WHERE d.id = :id").setParameter("id", deviceId)
                    .executeUpdate() > 0;
        });
    }

    @Override
    public void saveSystemInfo(String deviceId, String json, long updatedAt) {
        database.inTransaction(em -> {
            DeviceInfoEntity existing = em.find(DeviceInfoEntity.class, deviceId);
            if (existing == null) {
                em.persist(new DeviceInfoEntity(deviceId, json, updatedAt));
            } else {
                existing.update(json, updatedAt);
            }
            return null;
        });
    }

    @Override
    public Optional<String> systemInfo(String deviceId) {
        return database.inTransaction(
                em -> Optional.ofNullable(em.find(DeviceInfoEntity.class, deviceId)).map(DeviceInfoEntity::info));
    }

    @Override
    public Set<String> favourites(String accountId) {
        return database.inTransaction(em -> new HashSet<>(em
                .createQuery("SELECT f FROM DeviceFavouriteEntity f WHERE f.accountId = :account",
                        DeviceFavouriteEntity.class)
                .setParameter("account", accountId).getResultStream().map(DeviceFavouriteEntity::deviceId).toList()));
    }

    @Override
    public void favourite(String accountId, String deviceId, boolean favourite) {
        database.inTransaction(em -> {
            DeviceFavouriteEntity existing = em.find(DeviceFavouriteEntity.class,
                    DeviceFavouriteEntity.key(accountId, deviceId));
            if (favourite && existing == null) {
                em.persist(new DeviceFavouriteEntity(accountId, deviceId));
            } else if (!favourite && existing != null) {
                em.remove(existing);
            }
            return null;
        });
    }
}
