package io.helmdesk.console.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdesk.console.app.internal.DeviceArrangement.Grouping;
import io.helmdesk.console.app.internal.DeviceArrangement.SortOrder;
import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.store.api.DeviceRecord;
import io.helmdesk.store.api.DeviceRepository;
import io.helmdesk.testing.OsgiServices;

/**
 * The computers window, really drawn, against the real server of the same framework. There is no agent in this
 * framework: first the list is empty and a token is made to add a computer; then computers are put into the server's
 * store as enrolled agents leave them (system information and previews included), and the window lists, sorts,
 * groups, searches and tiles them, follows a new one without being asked, and changes them from their card.
 */
class ComputersIT {

    private static String serverUrl;
    private Display display;
    private ServerHealthWindow window;
    private ComputersWindow computers;
    private DeviceRepository repository;
    private final List<String> inserted = new ArrayList<>();

    @BeforeAll
    static void administrator() throws Exception {
        assertTrue(System.getenv("DISPLAY") != null, "run with a display (./test.sh starts Xvfb)");
        serverUrl = TestAdministrator.ensureCreated();
    }

    @BeforeEach
    void signIn() throws Exception {
        display = Display.getDefault();
        repository = OsgiServices.await(DeviceRepository.class);
        window = new ServerHealthWindow(OsgiServices.await(ServerClient.class),
                new ConsolePreferences(InstanceScope.INSTANCE.getNode("io.helmdesk.console.computers")), serverUrl);
        window.setBlockOnOpen(false);
        window.open();
        runUntil(() -> window.statusText().equals("Up"));
        SignInDialog dialog = window.openSignIn();
        dialog.type(TestAdministrator.EMAIL, TestAdministrator.PASSWORD);
        dialog.submit();
        runUntil(() -> window.accountText().startsWith("Signed in as"));
    }

    @AfterEach
    void closeAndRemoveComputers() throws Exception {
        window.close(); // the computers window and its dialogs close with it
        while (display.readAndDispatch()) {
            // let the close finish
        }
        for (String id : inserted) {
            repository.delete(id);
            Files.deleteIfExists(previewFile(id));
        }
    }

    @Test
    void emptyAtFirstThenATokenToAddAComputer() throws Exception {
        computers = window.openComputers();
        runUntil(() -> computers.loads() > 0);
        assertEquals(ComputersWindow.EMPTY_TEXT, computers.emptyStateText());
        assertEquals("No computers yet: add one with “Add a computer…”", computers.emptyStateText());
        Screenshots.save(computers.getShell(), "console-computers-empty.png");

        AddComputerDialog add = computers.openAddComputer();
        runUntil(add::gatewayShown);
        assertTrue(add.gatewayText().matches("[^:\\s]+:\\d+"), add.gatewayText());
        assertTrue(add.pinText().length() >= 32, add.pinText());
        assertTrue(add.agentSettingsText().contains("#.enrollment.token = (create a token above)"),
                add.agentSettingsText());

        // A name is needed: refused in the server's words.
        add.typeToken("", 5, 7);
        add.createToken();
        runUntil(() -> add.error() != null);
        assertEquals("A token's name has 1 to 100 characters", add.error());

        add.typeToken("Front desk computers", 5, 7);
        add.createToken();
        runUntil(() -> !add.shownSecret().isEmpty() && add.shownTokens().size() == 1);
        String secret = add.shownSecret();
        assertTrue(secret.startsWith("hdenr_"), secret);
        assertEquals("server.address = " + add.gatewayText() + "\nserver.pin = " + add.pinText()
                + "\n.enrollment.token = " + secret, add.agentSettingsText());
        assertTrue(add.shownTokens().get(0).startsWith("Front desk computers hdenr_"), add.shownTokens().toString());
        assertTrue(add.shownTokens().get(0).endsWith(" valid"), add.shownTokens().toString());
        HttpResponse<String> listed = get("/api/v1/enrollment-tokens", window.session().token());
        assertEquals(200, listed.statusCode(), listed.body());
        assertTrue(listed.body().contains("\"name\":\"Front desk computers\""), listed.body());
        assertFalse(listed.body().contains(secret), "the secret is shown once, never listed");
        Screenshots.save(add.getShell(), "console-computers-add.png");

        add.selectToken(0);
        add.revokeSelected();
        runUntil(() -> add.shownTokens().size() == 1 && add.shownTokens().get(0).endsWith(" revoked"));
        assertTrue(get("/api/v1/enrollment-tokens", window.session().token()).body().contains("\"revokedAt\":\""));
        add.close();

        // Tiles of nothing are still the empty state, with its way out.
        computers.showTiles(true);
        assertEquals(ComputersWindow.EMPTY_TEXT, computers.emptyStateText());

        // The list is read every few seconds while the window is open, and no more once it is closed.
        int loads = computers.loads();
        runUntil(() -> computers.loads() > loads);
        computers.close();
        int loadsAtClose = computers.loads();
        long until = System.nanoTime() + 2 * ComputersWindow.REFRESH_MILLIS * 1_000_000;
        runUntil(() -> System.nanoTime() > until);
        assertEquals(loadsAtClose, computers.loads());
    }

    @Test
    void computersListedSortedGroupedAndChangedFromTheirCard() throws Exception {
        String account = window.session().accountId();
        Instant now = Instant.now();
        String reception = insert(account, "Reception PC", "RECEPTION-01", "Front desk", "Windows 11", "10.0",
                now.minus(Duration.ofMinutes(5)), "203.0.113.10");
        insert(account, "Accounting laptop", "ACC-LT-07", "Finance", "Windows 10", "10.0",
                now.minus(Duration.ofDays(3)), "198.51.100.23");
        String build = insert(account, "Build server", "build-01", "", "Linux", "6.8.0-45-generic",
                now.minus(Duration.ofHours(2)), "192.0.2.40");
        insert(account, "Design iMac", "design-imac", "Studio", "Mac OS X", "14.5", now.minus(Duration.ofDays(40)),
                "203.0.113.77");
        insert(account, "Warehouse scanner", "wh-scan", "Front desk", "FreeBSD", "14.1",
                now.minus(Duration.ofMinutes(10)), "");
        repository.saveSystemInfo(build,
                """
                        [{"name":"os","entries":[{"key":"Operating system","value":"Ubuntu 24.04.1 LTS"},
                          {"key":"Architecture","value":"amd64"},{"key":"Computer name","value":"build-01"},
                          {"key":"Agent account","value":"helmdesk"},{"key":"Uptime","value":"12 d 4 h 9 min"}]},
                         {"name":"cpu","entries":[{"key":"Logical processors","value":"16"},
                          {"key":"Load (1 min)","value":"3.42"}]},
                         {"name":"memory","entries":[{"key":"Total","value":"62.7 GiB"},{"key":"Free","value":"40.1 GiB"}]},
                         {"name":"disks","entries":[{"key":"/ (/dev/nvme0n1p2)","value":"301.2 GiB free of 915.4 GiB (ext4)"}]},
                         {"name":"network","entries":[{"key":"enp5s0","value":"192.168.1.40 MAC 3c:7c:3f:aa:10:02"}]},
                         {"name":"hardware","entries":[{"key":"Display","value":"X11 :0"},{"key":"Screens","value":"2560x1440"}]},
                         {"name":"printers","entries":[{"key":"Office laser","value":"ready"}]}]
                        """,
                now.toEpochMilli());
        writePreview(reception, new Color(0, 120, 180), false);
        writePreview(build, new Color(48, 10, 36), true);

        computers = window.openComputers();
        runUntil(() -> computers.shownRows().size() == 5);
        assertEquals(List.of("Accounting laptop", "Build server", "Design iMac", "Reception PC", "Warehouse scanner"),
                computers.shownRows());
        assertEquals(List.of("", "Name", "Status", "OS", "Group", "Address", "Last connection"),
                computers.columnTitles());
        assertEquals(List.of("Accounting laptop", "Offline", "Windows", "Finance", "198.51.100.23", "3 days ago"),
                computers.shownCells("Accounting laptop"));
        assertEquals(List.of("Build server", "Offline", "Linux", "", "192.0.2.40", "2 h ago"),
                computers.shownCells("Build server"));
        assertEquals(List.of("Warehouse scanner", "Offline", "FreeBSD", "Front desk", "–"),
                computers.shownCells("Warehouse scanner").subList(0, 5));
        assertEquals("5 computers, 0 connected. The list updates by itself.", computers.statusText());

        computers.sortBy(SortOrder.LAST_CONNECTION);
        assertEquals(List.of("Reception PC", "Warehouse scanner", "Build server", "Accounting laptop", "Design iMac"),
                computers.shownRows());
        computers.sortBy(SortOrder.OS);
        assertEquals(List.of("Warehouse scanner", "Build server", "Design iMac", "Accounting laptop", "Reception PC"),
                computers.shownRows());
        computers.sortBy(SortOrder.GROUP);
        assertEquals(List.of("Accounting laptop", "Reception PC", "Warehouse scanner", "Design iMac", "Build server"),
                computers.shownRows());
        computers.sortBy(SortOrder.STATUS);
        assertEquals(5, computers.shownRows().size());

        computers.sortBy(SortOrder.NAME);
        computers.groupBy(Grouping.OS);
        assertEquals(List.of("[FreeBSD · 1]", "Warehouse scanner", "[Linux · 1]", "Build server", "[macOS · 1]",
                "Design iMac", "[Windows · 2]", "Accounting laptop", "Reception PC"), computers.shownRows());
        computers.groupBy(Grouping.STATUS);
        assertEquals("[Offline · 5]", computers.shownRows().get(0));
        computers.groupBy(Grouping.GROUP);
        assertEquals(List.of("[Finance · 1]", "Accounting laptop", "[Front desk · 2]", "Reception PC",
                "Warehouse scanner", "[Studio · 1]", "Design iMac", "[No group · 1]", "Build server"),
                computers.shownRows());
        computers.select("Design iMac");
        Screenshots.save(computers.getShell(), "console-computers-list.png");

        computers.search("front");
        assertEquals(List.of("[Front desk · 2]", "Reception PC", "Warehouse scanner"), computers.shownRows());
        computers.search("no-such-computer");
        assertEquals("No computer matches “no-such-computer”", computers.emptyStateText());
        computers.search("");
        assertEquals("", computers.emptyStateText());

        // An agent enrolls while the window is open: it appears without anyone asking, the selection stays.
        insert(account, "Late laptop", "late-lt", "Finance", "Windows 11", "10.0", now.minus(Duration.ofMinutes(1)),
                "198.51.100.99");
        runUntil(() -> computers.shownRows().contains("Late laptop"));
        assertEquals(List.of("[Finance · 2]", "Accounting laptop", "Late laptop"),
                computers.shownRows().subList(0, 3));
        assertEquals("Design iMac", computers.selectedName());

        // Tiles, with the previews the server has.
        computers.groupBy(Grouping.NONE);
        computers.showTiles(true);
        runUntil(() -> computers.tileCount() == 6 && computers.tilesWithPreview() == 2);
        assertTrue(computers.showsTiles());
        Screenshots.save(computers.getShell(), "console-computers-tiles.png");
        computers.showTiles(false);
        computers.groupBy(Grouping.GROUP);

        // The card: what the agent reported, in plain words and in every detail.
        computers.select("Build server");
        DeviceCardDialog card = computers.openCard();
        assertNotNull(card);
        runUntil(card::systemInfoShown);
        List<String> general = card.generalLines();
        assertTrue(general.contains("[Operating system]"), general.toString());
        assertTrue(general.contains("Operating system = Ubuntu 24.04.1 LTS"), general.toString());
        assertTrue(general.contains("Logical processors = 16"), general.toString());
        assertTrue(general.contains("Total = 62.7 GiB"), general.toString());
        assertTrue(general.contains("enp5s0 = 192.168.1.40 MAC 3c:7c:3f:aa:10:02"), general.toString());
        assertFalse(general.contains("[Printers]"), "the general tab shows the usual sections only");
        List<String> details = card.detailLines();
        assertTrue(details.contains("[Hardware]"), details.toString());
        assertTrue(details.contains("[Printers]"), "a section the console does not know: " + details);
        assertTrue(details.contains("Office laser = ready"), details.toString());
        card.showTab(DeviceCardDialog.GENERAL_TAB);
        Screenshots.save(card.getShell(), "console-computers-card-general.png");
        card.showTab(DeviceCardDialog.DETAILS_TAB);
        Screenshots.save(card.getShell(), "console-computers-card-details.png");

        // Renamed and regrouped with previews off and unattended sessions allowed: on the server (PATCH), then in
        // the list. Without a name, refused in the server's words.
        card.showTab(DeviceCardDialog.SETTINGS_TAB);
        assertTrue(card.consentRequiredShown(), "the user must allow sessions unless the card says otherwise");
        card.typeSettings("  ", "Servers", false, true, false);
        card.save();
        runUntil(() -> card.error() != null);
        assertEquals("A device's name has 1 to 100 characters", card.error());
        card.typeSettings("Build server (rack 2)", "Servers", false, true, false);
        card.save();
        runUntil(() -> card.shownMessage() != null && card.shownMessage().startsWith("Saved."));
        DeviceRecord saved = repository.find(build).orElseThrow();
        assertEquals("Build server (rack 2)", saved.displayName());
        assertEquals("Servers", saved.groupName());
        assertFalse(saved.previewsEnabled());
        assertTrue(saved.operatorsMayConfigure());
        assertFalse(saved.consentRequired());
        assertFalse(card.device().consentRequired(), "the server's answer says so too");
        runUntil(() -> computers.shownRows().contains("Build server (rack 2)"));
        assertTrue(computers.shownRows().contains("[Servers · 1]"), computers.shownRows().toString());
        assertFalse(computers.shownRows().contains("[No group · 1]"), computers.shownRows().toString());

        // A favourite comes first, in its own group when grouped, at the top when not.
        card.tickFavourite(true);
        runUntil(() -> computers.shownRows().get(0).equals("[Favourites · 1]"));
        assertEquals("★ Build server (rack 2)", computers.shownRows().get(1));
        assertFalse(computers.shownRows().contains("[Servers · 1]"), computers.shownRows().toString());
        Screenshots.save(card.getShell(), "console-computers-card.png");
        computers.groupBy(Grouping.NONE);
        assertEquals("★ Build server (rack 2)", computers.shownRows().get(0));
        assertEquals("Accounting laptop", computers.shownRows().get(1));
        computers.sortBy(SortOrder.LAST_CONNECTION);
        assertEquals("★ Build server (rack 2)", computers.shownRows().get(0));
        assertEquals("Late laptop", computers.shownRows().get(1));
        Matcher firstId = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(get("/api/v1/devices", window.session().token()).body());
        assertTrue(firstId.find());
        assertEquals(build, firstId.group(1), "the server lists favourites first too");

        // Previews off: the tile shows a placeholder saying so; the favourite's tile comes first, with its star.
        card.close();
        computers.showTiles(true);
        runUntil(() -> computers.tilesWithPreview() == 1);
        Screenshots.save(computers.getShell(), "console-computers-tiles-favourite.png");
        computers.showTiles(false);
        Screenshots.save(computers.getShell(), "console-computers-list-favourite.png");

        // Removal needs the box ticked, like an account's deletion.
        computers.select("Build server (rack 2)");
        DeviceCardDialog again = computers.openCard();
        assertFalse(again.consentRequiredShown(), "a card opened again shows the saved setting");
        again.typeRemoval(false);
        again.remove();
        runUntil(() -> again.error() != null && again.error().startsWith("Tick"));
        again.typeRemoval(true);
        again.remove();
        runUntil(() -> again.getShell() == null || again.getShell().isDisposed());
        assertTrue(again.removedTheDevice());
        runUntil(() -> !computers.shownRows().contains("★ Build server (rack 2)"));
        assertEquals(5, computers.shownRows().size());
        assertTrue(repository.find(build).isEmpty(), "removed on the server");
        inserted.remove(build);
    }

    private String insert(String account, String name, String host, String group, String os, String osVersion,
            Instant lastSeen, String address) throws Exception {
        String id = UUID.randomUUID().toString();
        String fingerprint = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        repository.insert(new DeviceRecord(id, account, "test-key-" + id, fingerprint, name, host, group, os,
                osVersion, "0.1.0", lastSeen.toEpochMilli(), address, true, false, true,
                lastSeen.minus(Duration.ofDays(1)).toEpochMilli()));
        inserted.add(id);
        return id;
    }

    /** A screenshot as the agent's preview would be, where the server keeps the latest one. */
    private void writePreview(String deviceId, Color desktop, boolean terminal) throws Exception {
        Image screen = new Image(display, 1280, 800);
        GC gc = new GC(screen);
        try {
            gc.setBackground(desktop);
            gc.setForeground(new Color(20, 20, 30));
            gc.fillGradientRectangle(0, 0, 1280, 760, true);
            gc.setBackground(new Color(30, 32, 40));
            gc.fillRectangle(0, 760, 1280, 40);
            gc.setBackground(terminal ? new Color(25, 25, 25) : new Color(245, 246, 248));
            gc.fillRectangle(200, 120, 820, 520);
            gc.setBackground(new Color(210, 214, 220));
            gc.fillRectangle(200, 120, 820, 34);
            gc.setBackground(terminal ? new Color(80, 220, 100) : new Color(170, 178, 190));
            for (int line = 0; line < 12; line++) {
                gc.fillRectangle(230, 180 + line * 36, 200 + (line * 137) % 500, 14);
            }
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[]{screen.getImageData()};
            Files.createDirectories(previewFile(deviceId).getParent());
            loader.save(previewFile(deviceId).toString(), SWT.IMAGE_JPEG);
        } finally {
            gc.dispose();
            screen.dispose();
        }
    }

    private static Path previewFile(String deviceId) {
        return Path.of(System.getProperty("helmdesk.data"), "previews", deviceId + ".jpg");
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(serverUrl + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void runUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + OsgiServices.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not there within " + OsgiServices.TIMEOUT + ": " + window.accountText()
                        + " / " + (computers == null
                                ? window.messageText()
                                : computers.statusText() + " / " + computers.shownRows()));
            }
            if (!display.readAndDispatch()) {
                display.timerExec(50, () -> {
                });
                display.sleep();
            }
        }
    }
}
