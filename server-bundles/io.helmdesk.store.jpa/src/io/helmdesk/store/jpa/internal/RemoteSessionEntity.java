package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.helmdesk.store.api.RemoteSessionRecord;
import io.helmdesk.store.api.RemoteSessionRecord.State;

/** One row of {@code helmdesk_remote_session}. */
@Entity
@Table(name = "helmdesk_remote_session")
public class RemoteSessionEntity {

    @Id
    private String id;
    @Column(name = "device_id")
    private String deviceId;
    @Column(name = "operator_account_id")
    private String operatorAccountId;
    @Column(name = "operator_name")
    private String operatorName;
    private String state;
    @Column(name = "requested_at")
    private long requestedAt;
    @Column(name = "started_at")
    private Long startedAt;
    @Column(name = "ended_at")
    private Long endedAt;
    @Column(name = "end_reason")
    private String endReason;
    @Column(name = "bytes_from_agent")
    private long bytesFromAgent;
    @Column(name = "bytes_from_console")
    private long bytesFromConsole;

    protected RemoteSessionEntity() {
        // for JPA
    }

    RemoteSessionEntity(RemoteSessionRecord session) {
        id = session.id();
        deviceId = session.deviceId();
        operatorAccountId = session.operatorAccountId();
        operatorName = ColumnText.fit(session.operatorName(), RemoteSessionRecord.MAX_OPERATOR_NAME_LENGTH);
        state = session.state().name();
        requestedAt = session.requestedAt();
        startedAt = session.startedAt();
        endedAt = session.endedAt();
        endReason = ColumnText.fit(session.endReason(), RemoteSessionRecord.MAX_END_REASON_LENGTH);
        bytesFromAgent = session.bytesFromAgent();
        bytesFromConsole = session.bytesFromConsole();
    }

    /** @return false unless the session was REQUESTED */
    boolean markActive(long at) {
        if (!State.REQUESTED.name().equals(state)) {
            return false;
        }
        state = State.ACTIVE.name();
        startedAt = at;
        return true;
    }

    /** @return false if it had ended already; the first end is kept */
    boolean end(long at, String reason, long fromAgent, long fromConsole) {
        if (State.ENDED.name().equals(state)) {
            return false;
        }
        state = State.ENDED.name();
        endedAt = at;
        endReason = ColumnText.fit(reason, RemoteSessionRecord.MAX_END_REASON_LENGTH);
        bytesFromAgent = fromAgent;
        bytesFromConsole = fromConsole;
        return true;
    }

    RemoteSessionRecord toRecord() {
        return new RemoteSessionRecord(id, deviceId, operatorAccountId, operatorName, State.valueOf(state),
                requestedAt, startedAt, endedAt, endReason, bytesFromAgent, bytesFromConsole);
    }
}
