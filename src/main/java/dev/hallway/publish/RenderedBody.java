package dev.hallway.publish;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * One form of a rendered response (plain or gzipped), kept once: in its file ({@link PageFile}, served by sendfile and
 * read back on the rare paths that need the bytes), or in memory when the file could not be written.
 */
final class RenderedBody {

    /** The file, or null when the body is kept in memory. */
    final PageFile file;
    /** The body in memory, or null when it is in the file. */
    private final byte[] bytes;
    /** The body in memory as a buffer the event loop writes as it is (shared, never released), or null. */
    final Buffer buffer;
    final int length;
    /** Content-Length as sent, computed once. */
    final String lengthHeader;

    private RenderedBody(PageFile file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
        this.buffer = bytes == null ? null : Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes)));
        this.length = bytes == null ? (int) file.length() : bytes.length;
        this.lengthHeader = Integer.toString(length);
    }

    /** The body in a file of its own when {@code files} can write one, else in memory. */
    static RenderedBody of(byte[] body, PageFiles files) {
        PageFile file = files == null ? null : files.write(body);
        return file != null ? new RenderedBody(file, null) : new RenderedBody(null, body);
    }

    /** Holds the body for one answer (see {@link PageFile#retain}): false when its file was let go already. */
    boolean retain() {
        return file == null || file.retain();
    }

    /** Lets go of what {@link #retain} held, or of the cache's hold. */
    void release() {
        if (file != null) {
            file.release();
        }
    }

    /** The bytes, for a caller that {@link #retain retained} the body: read back from the file (blocking) or in memory. */
    byte[] readRetained() {
        return file == null ? bytes : file.read();
    }

    /** The bytes (blocking: a file read), or null when the file was let go (the page left the cache since it was found). */
    byte[] read() {
        if (!retain()) {
            return null;
        }
        try {
            return readRetained();
        } finally {
            release();
        }
    }
}
