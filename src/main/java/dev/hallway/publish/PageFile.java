package dev.hallway.publish;

import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One rendered body in a file of its own, kept open, so that each answer hands it to the kernel ({@code sendfile})
 * without opening, stat-ing or copying anything. The file is the only copy of the body the service keeps: the rare
 * answers that need the bytes themselves ({@link #read}) read them back. Counted references: the render cache holds
 * one while the page is cached, each answer in flight one more ({@link #retain}); the last to let go closes the file
 * and deletes it. A file deleted under us (tmp cleaners, an operator) is still served whole: the open descriptor
 * keeps its data until it is closed.
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
     * One more reference, for an answer about to send or read the file; false when the file was let go already (its
     * page was evicted or replaced since it was looked up). Whoever gets true lets go with {@link #release} or hands
     * the reference to {@link #region}.
     */
    boolean retain() {
        int held;
        do {
            held = references.get();
            if (held == 0) {
                return false;
            }
        } while (!references.compareAndSet(held, held + 1));
        return true;
    }

    /**
     * A region of the whole file for one answer, taking over a reference the caller {@link #retain retained}: the
     * transport lets go of it once the region is written (or the connection closed).
     */
    FileRegion region() {
        return new DefaultFileRegion(channel, 0, length) {
            @Override
            protected void deallocate() {
                PageFile.this.release(); // the answer's reference, instead of closing the shared channel as DefaultFileRegion would
            }
        };
    }

    /**
     * The whole body read back (blocking, positional: answers sending the file at the same time are not disturbed).
     * The caller holds a reference ({@link #retain}).
     */
    byte[] read() {
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("page file too large: " + length);
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) length);
        try {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, bytes.position()) < 0) {
                    throw new IOException("page file " + path + " ended after " + bytes.position() + " of " + length + " bytes");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.array();
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
