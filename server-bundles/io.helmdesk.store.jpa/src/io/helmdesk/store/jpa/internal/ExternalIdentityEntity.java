package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.helmdesk.store.api.ExternalIdentityRecord;

/** One row of {@code helmdesk_external_identity}. */
@Entity
@Table(name = "helmdesk_external_identity")
public class ExternalIdentityEntity {

    @Id
    @Column(name = "identity_key")
    private String identityKey;
    @Column(name = "provider_id")
    private String providerId;
    private String subject;
    @Column(name = "account_id")
    private String accountId;
    @Column(name = "created_at")
    private long createdAt;

    protected ExternalIdentityEntity() {
        // for JPA
    }

    ExternalIdentityEntity(ExternalIdentityRecord identity) {
        identityKey = key(identity.providerId(), identity.subject());
        providerId = identity.providerId();
        subject = identity.subject();
        accountId = identity.accountId();
        createdAt = identity.createdAt();
    }

    /** Provider ids have no line breaks, so the pair maps to one key without ambiguity. */
    static String key(String providerId, String subject) {
        return providerId + "\n" + subject;
    }

    ExternalIdentityRecord toRecord() {
        return new ExternalIdentityRecord(providerId, subject, accountId, createdAt);
    }
}
