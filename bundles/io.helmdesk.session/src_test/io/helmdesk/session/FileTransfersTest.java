package io.helmdesk.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helmdesk.protocol.message.FileChunk;
import io.helmdesk.protocol.message.FileListing;
import io.helmdesk.session.TransferRecorder.Finished;
import io.helmdesk.session.internal.FileDigest;

/**
 * The file-transfer engine, two ends wired to each other through an in-memory link that encodes every message as on
 * the wire: whole files both ways, resuming, refusals of bad chunks and of names, links and requests that lead out
 * of the chosen folder, and nothing ever overwritten.
 */
class FileTransfersTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path temp;

    private final List<ExecutorService> executors = new ArrayList<>();
    private final List<MemoryLink> links = new ArrayList<>();

    @AfterEach
    void stop() {
        links.forEach(MemoryLink::close);
        executors.forEach(ExecutorService::shutdownNow);
    }

    @Test
    void largeFilesTravelBothWaysAtOnce() throws Exception {
        Path aFolder = folder("a");
        Path bFolder = folder("b");
        Path one = randomFile("one.bin", 50 * MIB, 1);
        Path two = randomFile("two.bin", 50 * MIB + 12_345, 2);
        Ends ends = connect(aFolder, new TransferRecorder(), bFolder, new TransferRecorder());

        long toB = ends.a.send(one, "one.bin");
        long toA = ends.b.send(two, "incoming/two.bin");

        Map<Long, Finished> atA = finished(ends.aEvents, 2);
        Map<Long, Finished> atB = finished(ends.bEvents, 2);
        for (Finished end : List.of(atA.get(toB), atA.get(toA), atB.get(toB), atB.get(toA))) {
            assertTrue(end.success(), end.toString());
        }
        assertEquals("Saved as one.bin", atA.get(toB).message());
        assertEquals("Saved as incoming/two.bin", atB.get(toA).message());
        assertArrayEquals(sha256(one), sha256(bFolder.resolve("one.bin")));
        assertArrayEquals(sha256(two), sha256(aFolder.resolve("incoming/two.bin")));
        assertEquals(List.of("one.bin"), names(bFolder));
        assertEquals(List.of("two.bin"), names(aFolder.resolve("incoming")));
        assertEquals(50L * MIB, ends.aEvents.lastProgress.get(toB));
        assertEquals(50L * MIB + 12_345, ends.aEvents.lastProgress.get(toA));
        // Each sender kept the channel's queue at the high-water mark (plus the small answers of its other role).
        assertTrue(ends.link.a.mostQueued.get() <= FileTransfers.QUEUE_HIGH_WATER + 1024,
                "queued " + ends.link.a.mostQueued.get());
        assertTrue(ends.link.b.mostQueued.get() <= FileTransfers.QUEUE_HIGH_WATER + 1024,
                "queued " + ends.link.b.mostQueued.get());
    }

    @Test
    void anInterruptedTransferContinuesWhereItStopped() throws Exception {
        Path aFolder = folder("a");
        Path bFolder = folder("b");
        Path file = randomFile("big.bin", 8 * MIB + 1000, 3);
        Ends first = connect(aFolder, new TransferRecorder(), bFolder, new TransferRecorder());
        MemoryLink firstLink = first.link;
        firstLink.a.tamper = message -> {
            if (message instanceof FileChunk chunk && chunk.offset() >= 4 * MIB) {
                firstLink.cut("connection lost");
                return null;
            }
            return message;
        };

        first.a.send(file, "big.bin");

        Finished receiverEnd = first.bEvents.nextFinished();
        assertFalse(receiverEnd.success());
        assertEquals("connection lost", receiverEnd.message());
        assertFalse(first.aEvents.nextFinished().success());
        assertEquals(4L * MIB, Files.size(bFolder.resolve("big.bin.helmdesk-part")));
        assertEquals(List.of("big.bin.helmdesk-part", "big.bin.helmdesk-part.properties"), names(bFolder));

        Ends second = connect(aFolder, new TransferRecorder(), bFolder, new TransferRecorder());
        long again = second.a.send(file, "big.bin");

        Finished done = second.aEvents.nextFinished();
        assertEquals(again, done.transferId());
        assertTrue(done.success(), done.message());
        assertEquals(4L * MIB, second.link.a.firstChunkOffset.get(), "the second transfer began where the first ended");
        assertEquals(4L * MIB + 1000, second.link.a.chunkBytesSent.get(), "only the rest was sent");
        assertArrayEquals(sha256(file), sha256(bFolder.resolve("big.bin")));
        assertEquals(List.of("big.bin"), names(bFolder));
    }

    @Test
    void aCorruptedChunkIsRefusedAndTheFileCanFollowLater() throws Exception {
        Path aFolder = folder("a");
        Path bFolder = folder("b");
        Path file = randomFile("data.bin", 4 * MIB, 4);
        Ends first = connect(aFolder, new TransferRecorder(), bFolder, new TransferRecorder());
        first.link.a.tamper = message -> {
            if (message instanceof FileChunk chunk && chunk.offset() == MIB) {
                byte[] damaged = chunk.data().clone();
                damaged[1000] ^= 0x10;
                return new FileChunk(chunk.transferId(), chunk.offset(), chunk.crc32(), damaged);
            }
            return message;
        };

        first.a.send(file, "data.bin");

        Finished atSender = first.aEvents.nextFinished();
        assertFalse(atSender.success());
        assertEquals("The chunk at byte " + MIB + " failed its CRC-32 check", atSender.message());
        assertEquals(atSender.message(), first.bEvents.nextFinished().message());
        // Only what passed its checks was written.
        assertEquals(MIB, Files.size(bFolder.resolve("data.bin.helmdesk-part")));
        assertFalse(Files.exists(bFolder.resolve("data.bin")));

        Ends second = connect(aFolder, new TransferRecorder(), bFolder, new TransferRecorder());
        second.a.send(file, "data.bin");
        assertTrue(second.aEvents.nextFinished().success());
        assertEquals(MIB, second.link.a.firstChunkOffset.get());
        assertArrayEquals(sha256(file), sha256(bFolder.resolve("data.bin")));
        assertEquals(List.of("data.bin"), names(bFolder));
    }

    @Test
    void namesThatLeaveTheChosenFolderAreNotSent() throws Exception {
        Path file = textFile("note.txt", "hello");
        Ends ends = connect(folder("a"), new TransferRecorder(), folder("b"), new TransferRecorder());
        for (String name : List.of("../note.txt", "/etc/note.txt", "a/../../note.txt", "./note.txt", "a//note.txt",
                "a\\..\\note.txt", "C:note.txt", "", "note.txt.helmdesk-part", "nul.txt", "note.")) {
            assertThrows(IllegalArgumentException.class, () -> ends.a.send(file, name), name);
        }
        assertThrows(IllegalArgumentException.class, () -> ends.a.request("../secret.txt"));
        assertThrows(IllegalArgumentException.class, () -> ends.a.list("/etc"));
        assertTrue(ends.aEvents.finished.isEmpty());
        assertTrue(ends.bEvents.offered.isEmpty());
    }

    @Test
    void aLinkOutOfTheChosenFolderIsNotFollowed() throws Exception {
        Path bFolder = folder("b");
        Path outside = folder("outside");
        Path victim = textFile("outside/victim.txt", "untouched");
        link(bFolder.resolve("out"), outside);
        link(bFolder.resolve("evil.txt.helmdesk-part"), victim);
        Path file = textFile("evil.txt", "payload");
        Ends ends = connect(folder("a"), new TransferRecorder(), bFolder, new TransferRecorder());

        ends.a.send(file, "out/evil.txt");
        Finished throughFolderLink = ends.aEvents.nextFinished();
        assertFalse(throughFolderLink.success());
        assertEquals("'out/evil.txt' leads outside the chosen folder (through a link)", throughFolderLink.message());

        ends.a.send(file, "out/new/evil.txt");
        assertFalse(ends.aEvents.nextFinished().success());

        ends.a.send(file, "evil.txt");
        Finished throughPartLink = ends.aEvents.nextFinished();
        assertFalse(throughPartLink.success());
        assertEquals("The receiver cannot write the file", throughPartLink.message());

        assertEquals(List.of("victim.txt"), names(outside));
        assertEquals("untouched", Files.readString(victim));
        assertEquals(List.of("evil.txt.helmdesk-part", "out"), names(bFolder));
        // Names refused by their checks never reach the user.
        assertEquals(1, ends.bEvents.offered.size());
    }

    @Test
    void requestsAndListingsStayInsideTheSharedFolder() throws Exception {
        Path aFolder = folder("a");
        Path bFolder = folder("b");
        Path outside = folder("outside");
        textFile("outside/secret.txt", "secret");
        textFile("b/shared.txt", "shared");
        textFile("b/sub/inner.txt", "inner");
        textFile("b/half.bin.helmdesk-part", "partial");
        link(bFolder.resolve("outsideFolder"), outside);
        link(bFolder.resolve("outsideFile"), outside.resolve("secret.txt"));
        link(bFolder.resolve("insideFile"), bFolder.resolve("shared.txt"));
        Ends ends = connect(aFolder, new TransferRecorder(), bFolder, new TransferRecorder().sharing(path -> true));

        assertTrue(ends.a.list(""));
        FileListing top = ends.aEvents.nextListing();
        assertEquals("", top.error());
        assertEquals(List.of("insideFile", "shared.txt", "sub"), top.entries().stream().map(e -> e.name()).toList());
        assertTrue(top.entries().get(2).folder());
        assertEquals(6, top.entries().get(0).size());

        ends.a.list("sub");
        assertEquals(List.of("inner.txt"), ends.aEvents.nextListing().entries().stream().map(e -> e.name()).toList());
        for (String path : List.of("outsideFolder", "missing", "shared.txt")) {
            ends.a.list(path);
            FileListing refused = ends.aEvents.nextListing();
            assertEquals(path, refused.path());
            assertEquals(List.of(), refused.entries());
            assertFalse(refused.error().isEmpty(), path);
        }

        Map<String, String> refusals = Map.of("outsideFolder/secret.txt",
                "'outsideFolder/secret.txt' leads outside the chosen folder (through a link)", "outsideFile",
                "'outsideFile' leads outside the chosen folder (through a link)", "missing.txt",
                "'missing.txt' does not exist", "sub", "'sub' is not a file", "half.bin.helmdesk-part",
                "'half.bin.helmdesk-part' ends like the files kept while receiving (.helmdesk-part)");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            long id = ends.a.request(refusal.getKey());
            Finished end = ends.aEvents.nextFinished();
            assertEquals(id, end.transferId());
            assertFalse(end.success());
            assertEquals(refusal.getValue(), end.message());
        }

        long fetched = ends.a.request("sub/inner.txt");
        Finished end = ends.aEvents.nextFinished();
        assertEquals(fetched, end.transferId());
        assertTrue(end.success(), end.message());
        assertEquals("inner", Files.readString(aFolder.resolve("inner.txt")));
        assertTrue(ends.aEvents.offered.isEmpty(), "a requested file is taken without asking");
        assertEquals(List.of("inner.txt"), names(aFolder));
    }

    @Test
    void aSideThatDoesNotShareAnswersNoRequest() throws Exception {
        textFile("b/shared.txt", "shared");
        Ends ends = connect(folder("a"), new TransferRecorder(), folder("b"), new TransferRecorder());

        ends.a.request("shared.txt");
        Finished refused = ends.aEvents.nextFinished();
        assertFalse(refused.success());
        assertEquals("This side does not share files", refused.message());
        ends.a.list("");
        FileListing listing = ends.aEvents.nextListing();
        assertEquals("This side does not share files", listing.error());
        assertEquals(List.of(), listing.entries());
        assertEquals(List.of(), names(folder("a")));
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path bFolder = folder("b");
        textFile("b/report.txt", "old");
        textFile("b/archive", "old archive");
        Path newer = textFile("report.txt", "new");
        Ends ends = connect(folder("a"), new TransferRecorder(), bFolder, new TransferRecorder());

        ends.a.send(newer, "report.txt");
        assertEquals("Saved as report (1).txt", ends.aEvents.nextFinished().message());
        ends.a.send(newer, "report.txt");
        assertEquals("Saved as report (2).txt", ends.aEvents.nextFinished().message());
        ends.a.send(newer, "archive");
        assertEquals("Saved as archive (1)", ends.aEvents.nextFinished().message());

        assertEquals("old", Files.readString(bFolder.resolve("report.txt")));
        assertEquals("old archive", Files.readString(bFolder.resolve("archive")));
        assertEquals("new", Files.readString(bFolder.resolve("report (1).txt")));
        assertEquals(List.of("archive", "archive (1)", "report (1).txt", "report (2).txt", "report.txt"),
                names(bFolder));
    }

    @Test
    void aDeclinedOfferLeavesNothingBehind() throws Exception {
        Path bFolder = folder("b");
        Path file = textFile("note.txt", "hello");
        Ends ends = connect(folder("a"), new TransferRecorder(), bFolder,
                new TransferRecorder().answering(offer -> offer.refuse("Not now")));

        long id = ends.a.send(file, "sub/note.txt");

        Finished end = ends.aEvents.nextFinished();
        assertEquals(id, end.transferId());
        assertFalse(end.success());
        assertEquals("Not now", end.message());
        IncomingOffer offer = ends.bEvents.offered.poll();
        assertEquals("sub/note.txt", offer.name());
        assertEquals(5, offer.size());
        assertEquals(List.of(), names(bFolder));
    }

    @Test
    void cancellingStopsBothEndsAndKeepsWhatArrived() throws Exception {
        Path bFolder = folder("b");
        Path file = randomFile("big.bin", 8 * MIB, 5);
        Ends ends = connect(folder("a"), new TransferRecorder(), bFolder, new TransferRecorder());
        AtomicLong transfer = new AtomicLong(-1);
        ends.link.a.tamper = message -> {
            if (message instanceof FileChunk chunk && chunk.offset() == 2 * MIB) {
                ends.a.cancel(transfer.get());
            }
            return message;
        };

        transfer.set(ends.a.send(file, "big.bin"));

        Finished atSender = ends.aEvents.nextFinished();
        assertFalse(atSender.success());
        assertEquals("Cancelled", atSender.message());
        Finished atReceiver = ends.bEvents.nextFinished();
        assertFalse(atReceiver.success());
        assertEquals("The sender stopped: Cancelled by the sender", atReceiver.message());
        long kept = Files.size(bFolder.resolve("big.bin.helmdesk-part"));
        assertTrue(kept > 2 * MIB && kept < 8 * MIB, kept + " bytes kept");
        assertFalse(Files.exists(bFolder.resolve("big.bin")));
    }

    @Test
    void anEmptyFileIsSavedToo() throws Exception {
        Path bFolder = folder("b");
        Path empty = textFile("empty.txt", "");
        Ends ends = connect(folder("a"), new TransferRecorder(), bFolder, new TransferRecorder());

        ends.a.send(empty, "empty.txt");

        assertTrue(ends.aEvents.nextFinished().success());
        assertEquals(0, Files.size(bFolder.resolve("empty.txt")));
        assertEquals(List.of("empty.txt"), names(bFolder));
    }

    /** Two ends connected through a fresh in-memory link. */
    private record Ends(MemoryLink link, FileTransfers a, TransferRecorder aEvents, FileTransfers b,
            TransferRecorder bEvents) {
    }

    private Ends connect(Path aFolder, TransferRecorder aEvents, Path bFolder, TransferRecorder bEvents)
            throws IOException {
        MemoryLink link = new MemoryLink();
        links.add(link);
        FileTransfers a = new FileTransfers(link.a, aFolder, executor(), aEvents);
        FileTransfers b = new FileTransfers(link.b, bFolder, executor(), bEvents);
        link.a.attach(a);
        link.b.attach(b);
        return new Ends(link, a, aEvents, b, bEvents);
    }

    private ExecutorService executor() {
        ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
        executors.add(executor);
        return executor;
    }

    private static Map<Long, Finished> finished(TransferRecorder events, int count) {
        Map<Long, Finished> byId = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Finished end = events.nextFinished();
            byId.put(end.transferId(), end);
        }
        return byId;
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(temp.resolve(name));
    }

    private Path textFile(String name, String text) throws IOException {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private Path randomFile(String name, long size, long seed) throws IOException {
        Path file = temp.resolve("sources").resolve(name);
        Files.createDirectories(file.getParent());
        Random random = new Random(seed);
        byte[] block = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return file;
    }

    private static void link(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links cannot be made here: " + e);
        }
    }

    private static byte[] sha256(Path file) throws IOException {
        return FileDigest.of(file, () -> false).sha256();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }
}
