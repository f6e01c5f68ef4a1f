package io.helmdesk.store.jpa.internal;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.store.api.ApiKeyRecord;
import io.helmdesk.store.api.ApiKeyRepository;

/** {@link ApiKeyRepository} on the server database. */
@Component
public class JpaApiKeyRepository implements ApiKeyRepository {

    private final JpaDatabase database;

    @Activate
    public JpaApiKeyRepository(@Reference JpaDatabase database) {
        this.database = database;
    }

    @Override
    public void insert(ApiKeyRecord key) {
        database.inTransaction(em -> {
            em.persist(new ApiKeyEntity(key));
            return null;
        });
    }

    @Override
    public Optional<ApiKeyRecord> findByHash(String keyHash) {
        return database.inTransaction(em -> em
                .createQuery("SELECT k FROM ApiKeyEntity k WHERE k.keyHash = :hash", ApiKeyEntity.class)
                .setParameter("hash", keyHash).getResultStream().findFirst().map(ApiKeyEntity::toRecord));
    }

    @Override
    public List<ApiKeyRecord> listForAccount(String accountId) {
        return database.inTransaction(em -> em
                .createQuery("SELECT k FROM ApiKeyEntity k WHERE k.accountId = :account ORDER BY k.createdAt DESC",
                        ApiKeyEntity.class)
                .setParameter("account", accountId).getResultStream().map(ApiKeyEntity::toRecord).toList());
    }

    @Override
    public boolean revoke(String accountId, String keyId, long now) {
        return database.inTransaction(em -> {
            ApiKeyEntity key = em.find(ApiKeyEntity.class, keyId);
            if (key == null || !key.accountId().equals(accountId) || key.revokedAt() != 0) {
                return false;
            }
            key.revoke(now);
            return true;
        });
    }

    @Override
    public void touch(String keyId, long lastUsedAt) {
        database.inTransaction(em -> {
            ApiKeyEntity key = em.find(ApiKeyEntity.class, keyId);
            if (key != null) {
                key.touch(lastUsedAt);
            }
            return null;
        });
    }
}
