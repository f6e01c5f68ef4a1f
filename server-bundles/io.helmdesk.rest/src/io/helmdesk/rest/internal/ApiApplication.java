package io.helmdesk.rest.internal;

import jakarta.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationBase;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import io.helmdesk.rest.api.RestApi;

/**
 * The one Jakarta REST application of the server, {@code /api/v1}. Resources and extensions of any bundle join it
 * with {@code @JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)}.
 */
@Component(service = Application.class)
@JakartarsApplicationBase(RestApi.APPLICATION_BASE)
@JakartarsName(RestApi.APPLICATION_NAME)
// Never served without authentication, JSON and the error shape: a route must not open up while one is away.
@JakartarsExtensionSelect({"(osgi.jakartars.name=helmdesk.authentication)", "(osgi.jakartars.name=helmdesk.json)",
        "(osgi.jakartars.name=helmdesk.errors)"})
public class ApiApplication extends Application {
}
