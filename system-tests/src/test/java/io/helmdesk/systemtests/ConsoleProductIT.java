package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.helmdesk.systemtests.support.ProductProcess;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.ServerUnderTest;
import io.helmdesk.systemtests.support.Xvfb;

/** The console product opens its window on a virtual display and shows the health of a running server product. */
class ConsoleProductIT {

    @Test
    void showsTheHealthOfARunningServer() throws Exception {
        Path work = Products.newWorkFolder("console");
        try (ServerUnderTest server = ServerUnderTest.start(work, work.resolve("server-data"));
                Xvfb display = Xvfb.start(1280, 800);
                ProductProcess console = ProductProcess.start("console",
                        Products.consoleHome().resolve("bin/helmdesk-console"), work,
                        Map.of("DISPLAY", display.display(), "HELMDESK_DATA", work.resolve("console-data").toString()),
                        "-server", server.baseUrl())) {
            console.awaitOutput(
                    Pattern.compile("Server " + Pattern.quote(server.baseUrl()) + " is UP \\(version 0\\.1\\.0"),
                    Duration.ofSeconds(90));
            Thread.sleep(500); // let the window paint the answer before the picture is taken
            Path shot = display.screenshot(Products.screenshots().resolve("console-window.png"));
            assertTrue(Files.size(shot) > 5_000);
            assertTrue(console.isAlive(), "the console window stays open");
        }
    }

    @Test
    void explainsThatItNeedsADisplay() throws Exception {
        Path work = Products.newWorkFolder("console-nodisplay");
        ProductProcess console = ProductProcess.start("console", Products.consoleHome().resolve("bin/helmdesk-console"),
                work, Map.of("DISPLAY", "", "HELMDESK_DATA", work.resolve("data").toString()));
        console.awaitExit(Duration.ofSeconds(30));
        assertTrue(console.output().contains("needs a graphical display"), console.output());
    }
}
