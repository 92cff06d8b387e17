package dev.hallway.publish;

import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One rendered body in a file of its own, kept open, so that each answer hands it to the kernel ({@code sendfile})
 * without opening, stat-ing or copying anything. Counted references: the render cache holds one while the page is
 * cached, each answer in flight one more; the last to let go closes the file and deletes it. A file deleted under us
 * (tmp cleaners, an operator) is still served whole: the open descriptor keeps its data until it is closed.
 */
final class PageFile {

    private final Path path;
    private final FileChannel channel;
    private final long length;
    private final AtomicInteger references = new AtomicInteger(1);

    PageFile(Path path, FileChannel channel, long length) {
        this.path = path;
        this.channel = channel;
        this.length = length;
    }

    /**
     * A region of the whole file for one answer, holding a reference until the transport is done with it; null when
     * the file was let go already (the page was evicted since it was looked up): then answer from memory.
     */
    FileRegion region() {
        int held;
        do {
            held = references.get();
            if (held == 0) {
                return null;
            }
        } while (!references.compareAndSet(held, held + 1));
        return new DefaultFileRegion(channel, 0, length) {
            @Override
            protected void deallocate() {
                PageFile.this.release(); // the file's reference, instead of closing the shared channel as DefaultFileRegion would
            }
        };
    }

    /** Lets go of one reference: the last closes and deletes the file. */
    void release() {
        if (references.decrementAndGet() == 0) {
            try {
                channel.close();
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // a file left behind is removed with its directory at shutdown
            }
        }
    }

    long length() {
        return length;
    }

    Path path() {
        return path;
    }

    /** Whether the file is still open (for tests). */
    boolean open() {
        return channel.isOpen();
    }
}
