package io.helmdesk.rest.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.rest.api.RestApi;

/**
 * Starts the Jakarta REST whiteboard on the HTTP servlet whiteboard under {@link RestApi#CONTEXT_PATH}. The
 * whiteboard runtime only starts with a factory configuration; this component writes it once, so the server
 * needs no hand-written file for its own API.
 */
@Component
public class RestRuntimeConfiguration {

    static final String RUNTIME_FACTORY_PID = "JakartarsServletWhiteboardRuntimeComponent";
    static final String RUNTIME_NAME = "helmdesk";

    private final Logger logger = LoggerFactory.getLogger(RestRuntimeConfiguration.class);

    @Activate
    public RestRuntimeConfiguration(@Reference ConfigurationAdmin configurationAdmin) throws IOException {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(RUNTIME_FACTORY_PID, RUNTIME_NAME,
                "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null || !RestApi.CONTEXT_PATH.equals(properties.get("jersey.context.path"))) {
            Dictionary<String, Object> wanted = new Hashtable<>();
            wanted.put("jersey.jakartars.whiteboard.name", RUNTIME_NAME);
            wanted.put("jersey.context.path", RestApi.CONTEXT_PATH);
            configuration.update(wanted);
            logger.debug("REST whiteboard configured at {}", RestApi.CONTEXT_PATH);
        }
    }
}
