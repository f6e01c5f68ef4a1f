package io.helmdesk.auth.impl.internal.rest;

import java.util.function.Supplier;

import io.helmdesk.auth.impl.internal.DeliveryUnavailableException;
import io.helmdesk.rest.api.ApiException;

/** The services say what is wrong with an input by IllegalArgumentException; callers get it as a 400. */
final class Input {

    private Input() {
    }

    static <T> T checked(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    static void checked(Runnable call) {
        checked(() -> {
            call.run();
            return null;
        });
    }

    /**
     * A state that does not allow the call (a factor on already, nothing to confirm, the last admin) is a 409; a
     * server that cannot send the mail the call needs is a 503.
     */
    static <T> T inState(Supplier<T> call) {
        try {
            return call.get();
        } catch (DeliveryUnavailableException e) {
            throw new ApiException(503, "unavailable", e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    static void inState(Runnable call) {
        inState(() -> {
            call.run();
            return null;
        });
    }

    static <T> T required(T body) {
        if (body == null) {
            throw ApiException.badRequest("This call needs a JSON body");
        }
        return body;
    }
}
