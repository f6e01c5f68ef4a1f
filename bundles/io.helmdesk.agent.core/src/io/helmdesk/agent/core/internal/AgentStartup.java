package io.helmdesk.agent.core.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the agent once its configuration is there: reports the platform and checks where the server is. A bad
 * configuration stops the agent with exit status {@value #EXIT_BAD_CONFIGURATION} and a message that says what to
 * fix; running on with it would only fail later, less clearly.
 */
@Component(immediate = true, configurationPid = AgentConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AgentConfiguration.class)
public class AgentStartup {

    /** EX_CONFIG of sysexits.h. */
    static final int EXIT_BAD_CONFIGURATION = 78;

    private final Logger logger = LoggerFactory.getLogger(AgentStartup.class);

    @Activate
    public AgentStartup(AgentConfiguration configuration) {
        PlatformReport platform = new PlatformProbe(System.getenv()).probe();
        platform.describe().forEach(line -> logger.info("{}", line));
        apply(configuration);
    }

    @Modified
    void apply(AgentConfiguration configuration) {
        try {
            logger.info("Server: {}", GatewayAddress.parse(configuration.server_address()));
            ServerPin.check(configuration.server_pin());
            ServerUrl.parse(configuration.server_url()).ifPresentOrElse(url -> {
                logger.info("Sign-in on this computer through {}", url);
                if (url.unencrypted()) {
                    logger.warn("server.url {} is plain HTTP: passwords typed in the agent's window cross the "
                            + "network unencrypted; use the server's https:// address", url);
                }
            }, () -> logger.info("No server.url in etc/{}.cfg: nobody can sign in on this computer to add it",
                    AgentConfiguration.PID));
        } catch (IllegalArgumentException e) {
            logger.error("Bad configuration in etc/{}.cfg: {}", AgentConfiguration.PID, e.getMessage());
            // Exit from another thread: the framework's shutdown hook stops this component, which must not wait on itself.
            Thread exit = new Thread(() -> System.exit(EXIT_BAD_CONFIGURATION), "helmdesk-agent-exit");
            exit.start();
        }
    }
}
