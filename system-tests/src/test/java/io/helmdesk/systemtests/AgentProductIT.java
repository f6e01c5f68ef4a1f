package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.helmdesk.systemtests.support.ProductProcess;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.Xvfb;

/** The agent's Linux distribution, unpacked and started on a virtual display, as on a reached computer. */
class AgentProductIT {

    private static final Duration START = Duration.ofSeconds(60);

    @Test
    void startsUnderFelixAndReportsItsPlatform() throws Exception {
        Path work = Products.newWorkFolder("agent");
        Path agent = Products.unpackAgent(work);
        Files.writeString(agent.resolve("etc/io.helmdesk.agent.cfg"), "server.address = helmdesk.example.org:8443\n"
                + "server.pin = " + "ab".repeat(32) + "\n");
        try (Xvfb display = Xvfb.start(1280, 800);
                ProductProcess process = ProductProcess.start("agent", agent.resolve("bin/helmdesk-agent"), work,
                        Map.of("DISPLAY", display.display(), "HELMDESK_DATA", work.resolve("data").toString()))) {
            process.awaitOutput(Pattern.compile("Operating system: Linux"), START);
            process.awaitOutput(Pattern.compile("Display: x11 " + display.display() + ", screens 1280x800x24"), START);
            process.awaitOutput(Pattern.compile("Server: helmdesk\\.example\\.org:8443"), START);
            assertEquals(143, process.stop(Duration.ofSeconds(30)));
        }
        assertTrue(Files.readString(work.resolve("data/logs/agent.log")).contains("Server: helmdesk.example.org:8443"));
    }

    @Test
    void exitsWithAClearMessageOnABadConfiguration() throws Exception {
        Path work = Products.newWorkFolder("agent-bad");
        Path agent = Products.unpackAgent(work);
        Files.writeString(agent.resolve("etc/io.helmdesk.agent.cfg"),
                "server.address = https://helmdesk.example.org\n");
        ProductProcess process = ProductProcess.start("agent", agent.resolve("bin/helmdesk-agent"), work,
                Map.of("HELMDESK_DATA", work.resolve("data").toString()));
        assertEquals(78, process.awaitExit(START), process.output());
        assertTrue(process.output().contains("Bad configuration in etc/io.helmdesk.agent.cfg: server.address "
                + "'https://helmdesk.example.org' must be host:port only"), process.output());
    }

    @Test
    void exitsWithAClearMessageWithoutConfiguration() throws Exception {
        Path work = Products.newWorkFolder("agent-none");
        Path agent = Products.unpackAgent(work);
        Files.delete(agent.resolve("etc/io.helmdesk.agent.cfg"));
        ProductProcess process = ProductProcess.start("agent", agent.resolve("bin/helmdesk-agent"), work,
                Map.of("HELMDESK_DATA", work.resolve("data").toString()));
        assertEquals(78, process.awaitExit(START));
        assertTrue(process.output().contains("The agent has no configuration"), process.output());
    }
}
