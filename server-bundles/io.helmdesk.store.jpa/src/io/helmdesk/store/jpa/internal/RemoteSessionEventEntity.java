package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.helmdesk.store.api.RemoteSessionEventRecord;

/** One row of {@code helmdesk_remote_session_event}. */
@Entity
@Table(name = "helmdesk_remote_session_event")
public class RemoteSessionEventEntity {

    /** The database's identity column: the order in which events were added. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "session_id")
    private String sessionId;
    @Column(name = "at_millis")
    private long atMillis;
    private String kind;
    private String actor;
    private String detail;

    protected RemoteSessionEventEntity() {
        // for JPA
    }

    /** Actor and detail cut to their columns; null stored as empty text (the columns are NOT NULL). */
    RemoteSessionEventEntity(RemoteSessionEventRecord event) {
        sessionId = event.sessionId();
        atMillis = event.atMillis();
        kind = event.kind();
        actor = ColumnText.fit(event.actor() == null ? "" : event.actor(), RemoteSessionEventRecord.MAX_ACTOR_LENGTH);
        detail = ColumnText.fit(event.detail() == null ? "" : event.detail(),
                RemoteSessionEventRecord.MAX_DETAIL_LENGTH);
    }

    RemoteSessionEventRecord toRecord() {
        return new RemoteSessionEventRecord(sessionId, atMillis, kind, actor, detail);
    }
}
