package io.helmdesk.rest.api;

/** Names shared by every part of the REST API: its base path and how resources join its application. */
public final class RestApi {

    /** The base path of version 1 of the API. */
    public static final String BASE_PATH = "/api/v1";

    /** The name of the one Jakarta REST application that every resource joins. */
    public static final String APPLICATION_NAME = "helmdesk.api.v1";

    /** The filter a resource puts in {@code @JakartarsApplicationSelect} to join the application. */
    public static final String APPLICATION_SELECT = "(osgi.jakartars.name=" + APPLICATION_NAME + ")";

    private RestApi() {
    }
}
