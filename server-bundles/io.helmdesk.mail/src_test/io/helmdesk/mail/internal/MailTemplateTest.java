package io.helmdesk.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class MailTemplateTest {

    @Test
    void fillsSubjectAndBody() {
        MailTemplate template = MailTemplate.parse("t", "Subject: Hello {{name}}\n\nDear {{name}},\n$1 and \\ stay.\n");
        MailTemplate filled = template.fill(Map.of("name", "Ada"));
        assertEquals("Hello Ada", filled.subject());
        assertEquals("Dear Ada,\n$1 and \\ stay.\n", filled.body());
    }

    @Test
    void refusesAMissingValue() {
        MailTemplate template = MailTemplate.parse("t", "Subject: x\n\n{{password}}");
        assertThrows(IllegalArgumentException.class, () -> template.fill(Map.of()));
    }

    @Test
    void everyShippedTemplateParsesAndHasAnEnglishVersion() throws IOException {
        Pattern placeholder = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
        try (Stream<Path> files = Files.list(Path.of("templates"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                MailTemplate.parse(name, Files.readString(file));
                String base = name.substring(0, name.indexOf('.'));
                assertTrue(Files.exists(file.resolveSibling(base + ".en.txt")), "English version of " + name);
                // Translations use the same placeholders as the English original.
                assertEquals(placeholder.matcher(Files.readString(file.resolveSibling(base + ".en.txt"))).results()
                        .map(m -> m.group(1)).sorted().distinct().toList(),
                        placeholder.matcher(Files.readString(file)).results().map(m -> m.group(1)).sorted().distinct()
                                .toList(),
                        name);
            }
        }
    }
}
