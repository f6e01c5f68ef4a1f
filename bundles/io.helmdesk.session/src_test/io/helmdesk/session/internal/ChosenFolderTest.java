package io.helmdesk.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's own checks of names, on the raw text as it could arrive from a peer that does not use our protocol
 * records: everything that could leave the folder, or mean something else on some system, is refused.
 */
class ChosenFolderTest {

    @TempDir
    Path temp;

    @Test
    void namesThatCouldLeaveTheFolderAreRefused() throws IOException {
        ChosenFolder folder = new ChosenFolder(Files.createDirectories(temp.resolve("chosen")));
        for (String name : List.of("", "/", "/etc/passwd", "//server/share/x", "..", "../x", "a/../../x", "a/..",
                "./x", "a/./x", "a//x", "a/", "a\\..\\x", "..\\x", "C:x", "C:/x", "x\u0000y", "x\ny", "con",
                "Aux.txt", "a/LPT1.log", "x.", "x ", "x.helmdesk-part", "x.helmdesk-part.properties")) {
            Refusal refusal = assertThrows(Refusal.class, () -> folder.target(name), name);
            assertTrue(refusal.getMessage().startsWith(Sentences.quote(name)), refusal.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ChosenFolder.checkName(name), name);
        }
        assertEquals(List.of(), names(folder.root()), "checking made nothing");
    }

    @Test
    void namesInsideAreTakenAndTheirFoldersMade() throws Exception {
        ChosenFolder folder = new ChosenFolder(Files.createDirectories(temp.resolve("chosen")));

        Path target = folder.targetWithParents("deep/er/report .v2.pdf");

        assertEquals(folder.root().resolve("deep/er/report .v2.pdf"), target);
        assertTrue(Files.isDirectory(folder.root().resolve("deep/er")));
        assertEquals(folder.root().resolve("x..y"), folder.target("x..y"));
        assertEquals(folder.root().resolve(".hidden"), folder.target(".hidden"));
    }

    @Test
    void aChosenFolderReachedThroughALinkIsItsRealPath() throws Exception {
        Path real = Files.createDirectories(temp.resolve("real"));
        Path link = temp.resolve("link");
        try {
            Files.createSymbolicLink(link, real);
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("symbolic links cannot be made here: " + e);
        }
        ChosenFolder folder = new ChosenFolder(link);

        assertEquals(real.toRealPath(), folder.root());
        assertEquals(real.toRealPath().resolve("x.txt"), folder.targetWithParents("x.txt"));
    }

    @Test
    void numberedNamesKeepTheExtension() {
        assertEquals("report (1).pdf", PartFile.numbered("report.pdf", 1));
        assertEquals("archive.tar (2).gz", PartFile.numbered("archive.tar.gz", 2));
        assertEquals(".profile (1)", PartFile.numbered(".profile", 1));
        assertEquals("README (3)", PartFile.numbered("README", 3));
    }

    private static List<String> names(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }
}
