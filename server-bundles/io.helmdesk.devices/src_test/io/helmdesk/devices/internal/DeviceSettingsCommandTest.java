package io.helmdesk.devices.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.message.Command;
import io.helmdesk.store.api.DeviceRecord;

/** What a connected agent is told of its card (DEV-4, DEV-12, SES-2) when it connects and when the card changes. */
class DeviceSettingsCommandTest {

    private static final DeviceRecord RECEPTION = new DeviceRecord("d1", "a1", "key", "fingerprint", "Reception",
            "reception-01", "Front desk", "Windows 11", "10.0", "0.1.0", 1, "203.0.113.10", true, false, true, 1);

    @Test
    void carriesEverySettingOfTheCard() {
        Command command = DeviceRegistry.settingsCommand(RECEPTION);

        assertEquals("apply-settings", command.name());
        assertEquals(0, command.commandId(), "no answer expected");
        assertEquals(Map.of("displayName", "Reception", "previewsEnabled", "true", "operatorsMayConfigure", "false",
                "consentRequired", "true"), command.arguments());
    }

    @Test
    void tellsTheAgentWhenSessionsNeedNoConsent() {
        DeviceRecord unattended = RECEPTION.withSettings("Reception", "Front desk", true, false, false);

        assertEquals("false", DeviceRegistry.settingsCommand(unattended).arguments().get("consentRequired"));
    }
}
