package io.helmdesk.protocol.message;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;

/** docs/protocol.md lists what the code defines, so the document cannot drift from it unnoticed. */
class ProtocolDocumentTest {

    private static List<String> lines;

    @BeforeAll
    static void readDocument() throws IOException {
        // Tests run in the bundle's folder, two levels below the repository root.
        Path document = Path.of("../../docs/protocol.md");
        assertTrue(Files.isRegularFile(document), "no " + document.toAbsolutePath());
        lines = Files.readAllLines(document);
    }

    @Test
    void listsEveryMessageType() {
        for (MessageType type : MessageType.values()) {
            assertRow(String.format("| 0x%04x | %s |", type.code(), type.displayName()));
            String heading = type.displayName() + String.format(" (0x%04x)", type.code());
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("### ") && line.contains(heading)),
                    "a section for " + heading);
        }
    }

    @Test
    void listsEveryErrorCode() {
        for (ErrorCode code : ErrorCode.values()) {
            assertRow("| " + code.code() + " | `" + code.name() + "` |");
        }
        for (Bye.Reason reason : Bye.Reason.values()) {
            assertRow("| " + reason.code() + " | `" + reason.name() + "` |");
        }
    }

    @Test
    void listsEveryLimit() throws IllegalAccessException {
        for (Field field : Limits.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                assertRow("| `" + field.getName() + "` | " + field.getInt(null) + " |");
            }
        }
        assertRow("| " + Frame.PRE_AUTHENTICATION_MAX_PAYLOAD + " (64 KiB) | `PRE_AUTHENTICATION_MAX_PAYLOAD` |");
        assertRow("| " + Frame.DEFAULT_MAX_PAYLOAD + " (16 MiB) | `DEFAULT_MAX_PAYLOAD` |");
        assertRow("| " + Frame.MAX_PAYLOAD_CEILING + " (256 MiB) | `MAX_PAYLOAD_CEILING` |");
    }

    @Test
    void showsTheExampleTheCodeWrites() {
        assertTrue(lines.contains(MessageCodecTest.HEARTBEAT_EXAMPLE), "the heartbeat example");
        assertTrue(lines.contains(MessageCodecTest.FRAME_UPDATE_EXAMPLE), "the frame update example");
        for (int marker : new int[]{Frame.MARKER, Frame.SHORT_MARKER}) {
            assertTrue(lines.stream().anyMatch(line -> line.contains(String.format("|   0x%02x   |", marker))),
                    "the marker in the header diagrams");
        }
    }

    private static void assertRow(String cells) {
        assertTrue(lines.stream().anyMatch(line -> line.contains(cells)), "docs/protocol.md has no row with " + cells);
    }
}
