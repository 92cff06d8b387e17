package dev.hallway.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rendered page keeps each form once, in its file (not on the heap): the bytes are read back from it while the
 * cache holds the page, an answer in flight keeps the file until it is done, and the last to let go deletes it.
 */
class RenderedPagesLiveInTheirFilesTest {

    @TempDir
    Path directory;

    private final byte[] body = "<feed>a page of a feed, long enough to be worth compressing</feed>".repeat(50)
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void eachFormIsKeptOnceInItsFileAndReadBackFromIt() throws IOException {
        Rendered page = Rendered.page(body, PageCache.JSON, "v1", PageFiles.in(directory));
        assertNotNull(page.plain.file);
        assertNotNull(page.gzip.file);
        assertNull(page.plain.buffer, "no copy in memory");
        assertNull(page.gzip.buffer, "no copy in memory");
        assertArrayEquals(body, Files.readAllBytes(page.plain.file.path()));
        assertArrayEquals(body, page.body());
        assertArrayEquals(body, gunzip(page.gzipped()));
        assertEquals(body.length + Files.size(page.gzip.file.path()), page.bytesHeld(), "the budget counts each form once");
        assertEquals(Integer.toString(body.length), page.plain.lengthHeader);
    }

    @Test
    void anAnswerInFlightKeepsTheFileTheCacheLetGoOf() {
        Rendered page = Rendered.page(body, PageCache.JSON, "v1", PageFiles.in(directory));
        PageFile file = page.plain.file;
        assertTrue(page.plain.retain(), "an answer holds the file");
        page.release(); // evicted while the answer is being sent
        assertTrue(file.open());
        assertArrayEquals(body, page.plain.readRetained(), "the answer still reads the whole body");
        page.plain.release(); // the answer is done
        assertFalse(file.open());
        assertFalse(Files.exists(file.path()), "the last to let go deletes it");
        assertFalse(Files.exists(page.gzip.file.path()));
        assertFalse(page.plain.retain(), "a later answer finds it gone");
        assertNull(page.body(), "and gets no bytes: it renders the page again");
    }

    @Test
    void aFileRegionLetsGoOfTheAnswersHoldOnceWritten() {
        Rendered page = Rendered.page(body, PageCache.JSON, "v1", PageFiles.in(directory));
        PageFile file = page.gzip.file;
        assertTrue(page.gzip.retain());
        var region = file.region();
        page.release();
        assertTrue(file.open(), "the region still holds it");
        region.release(); // what the transport does once the region is written
        assertFalse(file.open());
    }

    @Test
    void withoutAFileTheFormsStayInMemory() {
        Rendered page = Rendered.page(body, PageCache.JSON, "v1", null);
        assertNull(page.plain.file);
        assertNotNull(page.plain.buffer);
        assertTrue(page.plain.retain());
        page.release();
        assertArrayEquals(body, page.body(), "memory is never let go of by the cache");
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }
}
