package io.helmdesk.rest.api;

/** Names shared by every part of the REST API: its base path and how resources join its application. */
public final class RestApi {

    /** The base path of version 1 of the API. */
    public static final String BASE_PATH = "/api/v1";

    /** The servlet context the REST whiteboard runs in; it leaves every other path to the web pages. */
    public static final String CONTEXT_PATH = "/api";

    /** The application base of version 1, inside {@link #CONTEXT_PATH}. */
    public static final String APPLICATION_BASE = "v1";

    /** The name of the one Jakarta REST application that every resource joins. */
    public static final String APPLICATION_NAME = "helmdesk.api.v1";

    /** The filter a resource puts in {@code @JakartarsApplicationSelect} to join the application. */
    public static final String APPLICATION_SELECT = "(osgi.jakartars.name=" + APPLICATION_NAME + ")";

    private RestApi() {
    }
}
