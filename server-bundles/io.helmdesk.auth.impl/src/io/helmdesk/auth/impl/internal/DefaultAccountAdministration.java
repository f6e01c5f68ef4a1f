package io.helmdesk.auth.impl.internal;

import java.time.Instant;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.auth.api.Account;
import io.helmdesk.auth.api.AccountAdministration;
import io.helmdesk.auth.api.Role;
import io.helmdesk.store.api.AccountRecord;
import io.helmdesk.store.api.AccountRepository;
import io.helmdesk.store.api.SessionRepository;

/** Accounts as administrators see them: listing, disabling (which ends the account's sessions at once). */
@Component
public class DefaultAccountAdministration implements AccountAdministration {

    static final String DISABLED = "DISABLED";

    private final Logger logger = LoggerFactory.getLogger(DefaultAccountAdministration.class);
    private final AccountRepository accounts;
    private final SessionRepository sessions;

    @Activate
    public DefaultAccountAdministration(@Reference AccountRepository accounts, @Reference SessionRepository sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    public List<AccountEntry> list() {
        return accounts.list().stream().map(a -> new AccountEntry(new Account(a.id(), a.email(), a.displayName(),
                Role.valueOf(a.role()), a.language(), a.timeZone(), Instant.ofEpochMilli(a.createdAt())), a.state()))
                .toList();
    }

    @Override
    public void setEnabled(String administratorId, String accountId, boolean enabled) {
        AccountRecord account = accounts.findById(accountId)
                .orElseThrow(() -> new IllegalArgumentException("No account " + accountId));
        if (!enabled && accountId.equals(administratorId)) {
            throw new IllegalStateException("Administrators cannot disable their own account");
        }
        if (enabled) {
            if (DISABLED.equals(account.state())) {
                accounts.update(account.withState(DefaultAuthenticationService.ACTIVE));
            }
        } else {
            accounts.update(account.withState(DISABLED));
            int ended = sessions.deleteForAccount(accountId, null);
            logger.info("Account {} disabled by {}; {} sessions ended", accountId, administratorId, ended);
        }
    }
}
