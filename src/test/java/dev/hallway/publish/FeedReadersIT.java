package dev.hallway.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallway.support.FeedServer;
import dev.hallway.support.Fixtures;
import dev.hallway.support.HallwayProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feeds, as served by the packaged service, read by real feed readers: Debian's python3-feedparser (no bozo,
 * same entries, titles and links) and newsboat (reloads without an error, counts every entry). Runs where those
 * tools are installed (.ci/run installs them); skipped elsewhere.
 */
class FeedReadersIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void feedparserAndNewsboatReadEveryFeedWithoutAWarning() throws Exception {
        Assumptions.assumeTrue(run(List.of(PYTHON, "-c", "import feedparser"), null).exit() == 0, "python3-feedparser not installed");
        Assumptions.assumeTrue(run(List.of("newsboat", "--version"), null).exit() == 0, "newsboat not installed");
        Path dir = Files.createTempDirectory(Path.of("target"), "readers-");
        try (FeedServer server = FeedServer.start()) {
            StringBuilder yaml = new StringBuilder("feeds:\n");
            for (String[] f : new String[][] {{"adventures-in-oss.rss", Fixtures.RSS}, {"pingcap-blog.atom", Fixtures.ATOM},
                    {"alexander-trost.atom", Fixtures.ATOM}, {"duchess-france.rdf", Fixtures.RDF}, {"syndicated-copy.rss", Fixtures.RSS}}) {
                server.route("/" + f[0], FeedServer.Reply.ok(Fixtures.bytes("seeds/" + f[0]), f[1]));
                yaml.append("  - url: ").append(server.url("/" + f[0])).append('\n');
            }
            Files.writeString(dir.resolve("feeds.yaml"), yaml);
            Path script = dir.resolve("check_feed.py").toAbsolutePath();
            Files.write(script, FeedReadersIT.class.getResourceAsStream("/readers/check_feed.py").readAllBytes());
            Map<String, String> settings = dev.hallway.support.TestDatabase.forProcess("readers", false);
            settings.put("hallway.poll.enabled", "false");
            settings.put("hallway.feed.page-size", "6");
            try (HallwayProcess hallway = HallwayProcess.start(dir, settings)
                    .awaitReady(Duration.ofSeconds(60))) {
                assertEquals(200, hallway.postAdmin("/admin/poll").statusCode());
                List<String> feeds = List.of("/feed.atom", "/feed.atom?page=2", "/feed.atom?page=3", "/conferences/feed.atom",
                        "/conferences/feed.atom?page=2", "/conferences/fosdem/feed.atom", "/conferences/percona-live-2023/feed.atom");
                int total = 0;
                for (String feed : feeds) {
                    Path body = dir.resolve("feed-" + total + ".xml").toAbsolutePath();
                    Files.writeString(body, hallway.get(feed).body());
                    Path expected = dir.resolve("expected-" + total + ".json").toAbsolutePath();
                    Files.writeString(expected, JSON.writeValueAsString(expected(hallway, feed)));
                    Result check = run(List.of(PYTHON, script.toString(), body.toString(), expected.toString()), dir);
                    assertEquals(0, check.exit(), feed + ":\n" + check.output());
                    total++;
                }
                newsboat(hallway, dir);
            }
        }
    }

    /** newsboat reloads the merged feed (all pages) without an error and counts every entry as unread. */
    private static void newsboat(HallwayProcess hallway, Path relativeDir) throws Exception {
        Path dir = relativeDir.toAbsolutePath();
        String base = hallway.get("/feed.atom").uri().toString().replace("/feed.atom", "");
        Files.writeString(dir.resolve("urls"), base + "/feed.atom\n" + base + "/feed.atom?page=2\n" + base + "/feed.atom?page=3\n");
        Files.writeString(dir.resolve("newsboat.conf"), "reload-threads 1\n");
        List<String> command = List.of("newsboat", "-u", dir.resolve("urls").toString(), "-c", dir.resolve("cache.db").toString(),
                "-C", dir.resolve("newsboat.conf").toString(), "-x", "reload", "print-unread");
        Result result = run(command, dir);
        assertEquals(0, result.exit(), result.output());
        assertTrue(!result.output().toLowerCase().contains("error"), result.output());
        int entries = JSON.readTree(hallway.get("/entries?limit=500").body()).get("entries").size();
        assertTrue(result.output().contains(entries + " unread articles"), "expected " + entries + " unread: " + result.output());
    }

    /** Titles and links of a feed page, from the JSON API, in feed order. */
    private static List<Map<String, String>> expected(HallwayProcess hallway, String feed) throws IOException {
        String conference = feed.startsWith("/conferences/") && !feed.startsWith("/conferences/feed.atom")
                ? feed.split("/")[2] : feed.startsWith("/conferences/feed.atom") ? "*" : null;
        JsonNode entries = JSON.readTree(hallway.get("/entries?limit=500").body()).get("entries");
        List<Map<String, String>> all = new ArrayList<>();
        for (JsonNode e : entries) {
            JsonNode c = e.get("conference");
            boolean in = conference == null || (!c.isNull() && (conference.equals("*")
                    || conference.equals(c.get("slug").asText()) || conference.equals(c.get("series").asText())));
            if (in) {
                all.add(Map.of("title", e.get("title").asText(), "url", e.get("url").asText()));
            }
        }
        int page = feed.contains("page=") ? Integer.parseInt(feed.substring(feed.indexOf("page=") + 5)) : 1;
        return all.subList(Math.min(all.size(), (page - 1) * 6), Math.min(all.size(), page * 6));
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Path dir) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            builder.environment().put("TERM", "dumb");
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
