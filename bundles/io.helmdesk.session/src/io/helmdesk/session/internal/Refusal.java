package io.helmdesk.session.internal;

/**
 * A transfer, request or listing refused for a reason the peer may know (a name outside the chosen folder, a bad
 * chunk, a checksum that does not match). Its message is the sentence sent in the {@code FileDone} or
 * {@code FileListing}; nothing else about this computer (absolute paths, stack traces) goes into it.
 */
public final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    public Refusal(String sentence) {
        super(sentence, null, false, false);
    }
}
