package io.helmdesk.store.jpa.internal;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.store.api.AccountRecord;
import io.helmdesk.store.api.AccountRepository;

/** {@link AccountRepository} on the server database. */
@Component
public class JpaAccountRepository implements AccountRepository {

    /** The row that serialises the creation of the first account. */
    private static final String FIRST_ACCOUNT_LOCK = "store.first-account-lock";

    private final JpaDatabase database;

    @Activate
    public JpaAccountRepository(@Reference JpaDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<AccountRecord> findById(String id) {
        return database.inTransaction(
                em -> Optional.ofNullable(em.find(AccountEntity.class, id)).map(AccountEntity::toRecord));
    }

    @Override
    public Optional<AccountRecord> findByEmailKey(String emailKey) {
        return database.inTransaction(em -> em
                .createQuery("SELECT a FROM AccountEntity a WHERE a.emailKey = :key", AccountEntity.class)
                .setParameter("key", emailKey).getResultStream().findFirst().map(AccountEntity::toRecord));
    }

    @Override
    public long count() {
        return database.inTransaction(em -> em.createQuery("SELECT COUNT(a) FROM AccountEntity a", Long.class)
                .getSingleResult());
    }

    @Override
    public java.util.List<AccountRecord> list() {
        return database.inTransaction(em -> em
                .createQuery("SELECT a FROM AccountEntity a ORDER BY a.emailKey", AccountEntity.class).getResultStream()
                .map(AccountEntity::toRecord).toList());
    }

    @Override
    public void insert(AccountRecord account) {
        if (findByEmailKey(account.emailKey()).isPresent()) {
            throw new IllegalStateException("An account with this e-mail address exists");
        }
        database.inTransaction(em -> {
            em.persist(new AccountEntity(account));
            return null;
        });
    }

    @Override
    public void update(AccountRecord account) {
        database.inTransaction(em -> {
            AccountEntity entity = em.find(AccountEntity.class, account.id());
            if (entity == null) {
                throw new IllegalArgumentException("No account " + account.id());
            }
            entity.copy(account);
            return null;
        });
    }

    @Override
    public void delete(String id) {
        database.inTransaction(em -> {
            // The database cascades too; JPQL deletes keep EclipseLink's cache in step.
            em.createQuery("DELETE FROM SessionEntity s WHERE s.accountId = :id").setParameter("id", id)
                    .executeUpdate();
            em.createQuery("DELETE FROM ApiKeyEntity k WHERE k.accountId = :id").setParameter("id", id).executeUpdate();
            return em.createQuery("DELETE FROM AccountEntity a WHERE a.id = :id").setParameter("id", id)
                    .executeUpdate();
        });
    }

    @Override
    public long countActiveWithRole(String role) {
        return database.inTransaction(em -> em
                .createQuery("SELECT COUNT(a) FROM AccountEntity a WHERE a.role = :role AND a.state = 'ACTIVE'",
                        Long.class)
                .setParameter("role", role).getSingleResult());
    }

    @Override
    public boolean insertFirst(AccountRecord account) {
        return database.inTransaction(em -> {
            // Lock the row migration 2 made, so that two concurrent first-account requests cannot both see none.
            em.find(SettingEntity.class, FIRST_ACCOUNT_LOCK, LockModeType.PESSIMISTIC_WRITE);
            long accounts = em.createQuery("SELECT COUNT(a) FROM AccountEntity a", Long.class).getSingleResult();
            if (accounts > 0) {
                return false;
            }
            em.persist(new AccountEntity(account));
            return true;
        });
    }
}
