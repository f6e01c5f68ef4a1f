package io.helmdesk.rest.internal;

import jakarta.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationBase;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import io.helmdesk.rest.api.RestApi;

/**
 * The one Jakarta REST application of the server, {@code /api/v1}. Resources and extensions of any bundle join it
 * with {@code @JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)}.
 */
@Component(service = Application.class)
@JakartarsApplicationBase(RestApi.APPLICATION_BASE)
@JakartarsName(RestApi.APPLICATION_NAME)
public class ApiApplication extends Application {
}
