package dev.hallway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (target/quarkus-app/quarkus-run.jar, or the native executable under -Dnative) run as a
 * separate process, the way a user runs it: for tests of startup, restarts and several instances.
 */
public final class HallwayProcess implements AutoCloseable {

    public static final String ADMIN_TOKEN = "it-admin-token";

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private HallwayProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the jar with these settings on top of the test defaults (free port, admin token, fast ticks); or, when
     * {@code native.image.path} is set (the native profile sets it, as Quarkus does), the native executable.
     */
    public static HallwayProcess start(Path workDir, Map<String, String> settings) {
        String jar = System.getProperty("hallway.app.jar", "target/quarkus-app/quarkus-run.jar");
        String nativeImage = System.getProperty("native.image.path", "");
        int port = settings.containsKey("quarkus.http.port") ? Integer.parseInt(settings.get("quarkus.http.port")) : freePort();
        List<String> command = new ArrayList<>();
        command.add(nativeImage.isBlank() ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                : Path.of(nativeImage).toAbsolutePath().toString());
        // a native executable reads -X and -D options as the JVM does
        command.addAll(List.of("-Xmx256m", "-Dquarkus.http.port=" + port, "-Dhallway.admin-token=" + ADMIN_TOKEN,
                "-Dhallway.poll.tick=1s", "-Dhallway.feeds-reload-interval=1s"));
        settings.forEach((k, v) -> {
            if (!k.equals("quarkus.http.port")) {
                command.add("-D" + k + "=" + v);
            }
        });
        if (nativeImage.isBlank()) {
            command.add("-jar");
            command.add(Path.of(jar).toAbsolutePath().toString());
        }
        try {
            Files.createDirectories(workDir);
            Path log = Files.createTempFile(workDir, "hallway-", ".log");
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new HallwayProcess(process, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the service answers /q/health/ready; fails with its log if it died or took too long. */
    public HallwayProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Hallway exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return this;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(200);
        }
        process.destroyForcibly(); // the caller never gets hold of it to close it
        throw new AssertionError("Hallway not ready within " + timeout + ":\n" + output());
    }

    /** Waits for the process to end by itself; returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Hallway still running after " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> postAdmin(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Sends without waiting for the answer: for a request still in progress when the service is stopped. */
    public java.util.concurrent.CompletableFuture<HttpResponse<String>> postAdminAsync(String path) {
        return http.sendAsync(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM and wait: a normal stop. */
    public void stop() {
        process.destroy();
        awaitExit(Duration.ofSeconds(60));
    }

    /** SIGTERM without waiting: for tests that watch the stop as it happens; {@link #awaitExit} for its end. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: a crash. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A loopback port nobody listens on right now (for a process or server a test starts itself). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
