package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.helmdesk.systemtests.support.Chromium;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.ServerUnderTest;

/** The server's status page in a real browser: its script asks the API and shows the answer. */
class StatusPageIT {

    @Test
    void showsTheServerHealthInABrowser() throws Exception {
        Path work = Products.newWorkFolder("page");
        try (ServerUnderTest server = ServerUnderTest.start(work, work.resolve("data"))) {
            Chromium chromium = new Chromium(work);
            String dom = chromium.dumpDom(server.baseUrl() + "/");
            assertTrue(dom.contains("The server is up"), dom);
            assertTrue(dom.contains("Apache Derby 10.17"), dom);
            assertTrue(dom.matches("(?s).*<dd id=\"version\">0\\.1\\.0[^<]*</dd>.*"), dom);

            Path shot = chromium.screenshot(server.baseUrl() + "/", Products.screenshots().resolve("status-page.png"),
                    900, 640);
            assertTrue(Files.size(shot) > 10_000, "a real picture, not an empty page");
        }
    }
}
