package io.helmdesk.rest.internal;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JacksonException;

import io.helmdesk.auth.api.AuthenticationException;
import io.helmdesk.auth.api.RateLimitedException;
import io.helmdesk.rest.api.ApiException;
import io.helmdesk.rest.api.ErrorDTO;
import io.helmdesk.rest.api.RestApi;
import io.helmdesk.store.api.StoreUnavailableException;

/** Turns every failure into the one JSON error shape; only server faults are logged as errors. */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsName("helmdesk.errors")
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private final Logger logger = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable failure) {
        ErrorDTO error = toError(failure);
        if (error.status() == 503) {
            // A known outage (database, mail, Telegram) that says what it is: a line, not a stack trace.
            logger.warn("Request refused: {}", failure.getMessage());
        } else if (error.status() >= 500) {
            logger.error("Request failed: {}", failure.getMessage(), failure);
        }
        Response.ResponseBuilder response = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error);
        if (failure instanceof RateLimitedException limited) {
            response.header("Retry-After", limited.retryAfterSeconds());
        }
        if (error.status() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"helmdesk\"");
        }
        return response.build();
    }

    static ErrorDTO toError(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api.toDTO();
        }
        if (failure instanceof AuthenticationException authentication) {
            return new ErrorDTO(401, "unauthorized", authentication.getMessage());
        }
        if (failure instanceof RateLimitedException limited) {
            return new ErrorDTO(429, "too_many_requests", limited.getMessage());
        }
        if (failure instanceof StoreUnavailableException unavailable) {
            return new ErrorDTO(503, "unavailable", unavailable.getMessage());
        }
        if (failure instanceof JacksonException json) {
            return new ErrorDTO(400, "invalid_json", "The request body is not valid JSON for this call: "
                    + json.getOriginalMessage());
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return new ErrorDTO(status, codeFor(status), messageFor(status, web));
        }
        return new ErrorDTO(500, "internal_error",
                "The server failed to handle this request; the server log has details");
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }

    private static String messageFor(int status, WebApplicationException web) {
        return switch (status) {
            case 404 -> "There is nothing at this address of the API";
            case 405 -> "This address of the API does not accept this method";
            case 406 -> "This address of the API answers only in JSON";
            case 415 -> "This address of the API accepts only JSON";
            default -> web.getMessage();
        };
    }
}
