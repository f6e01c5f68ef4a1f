package io.helmdesk.devices.internal.rest;

import java.util.function.Supplier;

import io.helmdesk.devices.api.UnknownDeviceException;
import io.helmdesk.rest.api.ApiException;

/** How the device services' refusals become HTTP answers: unknown device 404, bad value 400. */
final class Calls {

    private Calls() {
    }

    static <T> T answer(Supplier<T> call) {
        try {
            return call.get();
        } catch (UnknownDeviceException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    static void answer(Runnable call) {
        answer(() -> {
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
