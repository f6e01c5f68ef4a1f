package io.helmdesk.protocol.message;

/** Who opens a connection. */
public enum Role {

    /** The program on a reached computer, identified by its device id and key pair. */
    AGENT(1),
    /** The operator's console. */
    CONSOLE(2);

    private final int code;

    Role(int code) {
        this.code = code;
    }

    /** The value on the wire, an unsigned byte. */
    public int code() {
        return code;
    }
}
