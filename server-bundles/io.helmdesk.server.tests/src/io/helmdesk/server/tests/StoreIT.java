package io.helmdesk.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

import io.helmdesk.store.api.DatabaseStatus;
import io.helmdesk.store.api.DatabaseStatusService;
import io.helmdesk.store.api.SettingsStore;
import io.helmdesk.testing.OsgiServices;

/** The JPA store on a real embedded Derby database, through its OSGi services. */
class StoreIT {

    @Test
    void databaseIsUpAndMigrated() throws Exception {
        DatabaseStatus status = OsgiServices.await(DatabaseStatusService.class).status();
        assertTrue(status.up(), String.valueOf(status.message()));
        assertEquals("Apache Derby", status.product());
        assertTrue(status.productVersion().startsWith("10.17"), status.productVersion());
        assertTrue(status.schemaVersion() >= 1);
    }

    @Test
    void settingsSurviveARestartOfTheStore() throws Exception {
        String key = "test." + UUID.randomUUID();
        OsgiServices.await(SettingsStore.class).put(key, "first");
        OsgiServices.await(SettingsStore.class).put(key, "second");

        Bundle store = OsgiServices.bundle("io.helmdesk.store.jpa");
        store.stop(); // closes EclipseLink and shuts the Derby database down
        store.start();

        SettingsStore reopened = OsgiServices.await(SettingsStore.class);
        assertEquals(Optional.of("second"), reopened.get(key));
        reopened.remove(key);
        assertEquals(Optional.empty(), reopened.get(key));
    }

    @Test
    void putIfAbsentKeepsTheFirstValue() throws Exception {
        SettingsStore settings = OsgiServices.await(SettingsStore.class);
        String key = "test." + UUID.randomUUID();
        assertEquals("a", settings.putIfAbsent(key, "a"));
        assertEquals("a", settings.putIfAbsent(key, "b"));
        assertEquals(Optional.of("a"), settings.get(key));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        SettingsStore settings = OsgiServices.await(SettingsStore.class);
        String key = "test." + UUID.randomUUID();
        settings.put(key, "kept");
        assertThrows(IllegalArgumentException.class,
                () -> settings.put(key, "x".repeat(SettingsStore.MAX_VALUE_LENGTH + 1)));
        assertThrows(IllegalArgumentException.class, () -> settings.put("", "value"));
        assertThrows(IllegalArgumentException.class,
                () -> settings.put("k".repeat(SettingsStore.MAX_KEY_LENGTH + 1), "v"));
        assertThrows(IllegalArgumentException.class, () -> settings.put(key, null));
        assertEquals(Optional.of("kept"), settings.get(key));
    }
}
