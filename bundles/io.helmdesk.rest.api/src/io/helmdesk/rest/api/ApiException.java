package io.helmdesk.rest.api;

/**
 * Thrown by a resource to answer with an error: the REST layer turns it into the status and {@link ErrorDTO} it
 * carries. Client mistakes (4xx) are not logged as server errors.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An API error has a 4xx or 5xx status, not " + status);
        }
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ErrorDTO toDTO() {
        return new ErrorDTO(status, code, getMessage());
    }
}
