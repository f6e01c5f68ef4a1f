package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.helmdesk.store.api.AccountRecord;

/** One row of {@code helmdesk_account}. */
@Entity
@Table(name = "helmdesk_account")
public class AccountEntity {

    @Id
    private String id;
    private String email;
    @Column(name = "email_key")
    private String emailKey;
    @Column(name = "display_name")
    private String displayName;
    @Column(name = "account_role")
    private String role;
    @Column(name = "account_state")
    private String state;
    @Column(name = "password_hash")
    private String passwordHash;
    @Column(name = "language_tag")
    private String language;
    @Column(name = "time_zone")
    private String timeZone;
    @Column(name = "created_at")
    private long createdAt;

    protected AccountEntity() {
        // for JPA
    }

    AccountEntity(AccountRecord account) {
        id = account.id();
        copy(account);
    }

    void copy(AccountRecord account) {
        email = account.email();
        emailKey = account.emailKey();
        displayName = account.displayName();
        role = account.role();
        state = account.state();
        passwordHash = account.passwordHash();
        language = account.language();
        timeZone = account.timeZone();
        createdAt = account.createdAt();
    }

    AccountRecord toRecord() {
        return new AccountRecord(id, email, emailKey, displayName, role, state, passwordHash, language, timeZone,
                createdAt);
    }
}
