package dev.hallway.publish;

import dev.hallway.config.HallwayConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The directory of rendered pages served with sendfile ({@link PageFile}): one this process creates at start-up
 * (under hallway.feed.file-dir, else the system's temp directory) and deletes at shutdown. Each rendered body is
 * written once, under a temporary name then renamed, and opened for reading; the render cache bounds how many there
 * are (each file lives as long as its page is cached). A page whose file cannot be written is answered from memory.
 */
@ApplicationScoped
public class PageFiles {

    private static final Logger LOG = Logger.getLogger(PageFiles.class);

    @Inject
    HallwayConfig config;

    private Path directory;
    private final AtomicLong names = new AtomicLong();
    private volatile boolean warned;

    @PostConstruct
    void init() {
        try {
            Path parent = Path.of(config.feed().fileDir().orElse(System.getProperty("java.io.tmpdir")));
            Files.createDirectories(parent);
            directory = Files.createTempDirectory(parent, "hallway-pages-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of rendered pages (hallway.feed.file-dir)", e);
        }
    }

    /** Files in {@code directory}, outside CDI (unit tests). */
    static PageFiles in(Path directory) {
        PageFiles files = new PageFiles();
        files.directory = directory;
        return files;
    }

    /** The body in a new file, open for sendfile; null (after a warning, once) when it cannot be written. */
    PageFile write(byte[] body) {
        Path file = directory.resolve(Long.toString(names.incrementAndGet()));
        Path partial = directory.resolve(file.getFileName() + ".partial");
        try {
            Files.write(partial, body);
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return new PageFile(file, FileChannel.open(file, StandardOpenOption.READ), body.length);
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warnf("cannot write rendered pages to %s (%s): they are answered from memory instead", directory, e);
            }
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing more to do
            }
            return null;
        }
    }

    /** The directory (for tests). */
    Path directory() {
        return directory;
    }

    void deleteAll(@Observes ShutdownEvent stop) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", directory, e);
        }
    }
}
