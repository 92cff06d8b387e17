package dev.hallway.source;

import dev.hallway.common.HttpUrls;
import dev.hallway.source.FeedsConfig.FeedSpec;
import dev.hallway.source.FeedsYamlText.NewFeed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the feeds of an OPML export to feeds.yaml:
 * {@code ./mvnw -q compile exec:java -Dexec.mainClass=dev.hallway.source.OpmlImport -Dexec.args="subscriptions.opml feeds.yaml"}.
 * <p>
 * New feeds are appended under {@code feeds:} (the rest of the file stays as written, comments included); a feed
 * already listed — the same key as dedupe gives URLs, so http/https, {@code www.} and a trailing slash do not make
 * another feed — is skipped and reported. The file is written only when the result reads back as a valid feeds.yaml
 * with every new feed in it; a broken OPML file or feeds.yaml changes nothing.
 */
public final class OpmlImport {

    /** What an import did. */
    record Result(List<NewFeed> added, List<String> skipped, String text) {
    }

    private OpmlImport() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: OpmlImport SUBSCRIPTIONS.opml FEEDS.yaml   (feeds.yaml is created if missing)");
            return 2;
        }
        Path opml = Path.of(args[0]), feedsFile = Path.of(args[1]);
        try {
            String text = Files.exists(feedsFile) ? Files.readString(feedsFile, StandardCharsets.UTF_8) : "";
            Result result = merge(OpmlFile.read(opml), feedsFile.toString(), text, opml.getFileName().toString());
            if (!result.added().isEmpty()) {
                write(feedsFile, result.text());
            }
            out.printf("%s: %d feed%s added to %s%n", opml, result.added().size(), result.added().size() == 1 ? "" : "s", feedsFile);
            result.skipped().forEach(s -> out.println("  skipped " + s));
            return 0;
        } catch (FeedsFileException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(feedsFile + ": " + e);
            return 1;
        }
    }

    /** The merged feeds.yaml text; throws {@link FeedsFileException} for a broken OPML or feeds.yaml. */
    static Result merge(List<OpmlFeed> feeds, String feedsFileName, String text, String opmlName) {
        FeedsFileLoader loader = new FeedsFileLoader(Duration.ofMinutes(30), FeedsFileSection.ANY);
        Map<String, String> listed = new HashMap<>();
        if (!text.isBlank()) {
            for (FeedSpec spec : loader.parse(feedsFileName, text).feeds()) {
                listed.put(FeedsFileLoader.sameFeedKey(spec.url()), "already in " + feedsFileName + " as " + spec.url());
            }
        }
        if (feeds.isEmpty()) {
            throw new FeedsFileException(opmlName, 0, 0, "no feeds in this OPML file (no <outline xmlUrl=\"…\">)");
        }
        List<NewFeed> added = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (OpmlFeed feed : feeds) {
            String url = HttpUrls.httpOrNull(feed.url());
            if (url == null) {
                skipped.add(feed.url() + " (line " + feed.line() + "): not an http(s) URL");
                continue;
            }
            String key = FeedsFileLoader.sameFeedKey(url);
            String already = listed.putIfAbsent(key, "listed twice in the OPML file (first at line " + feed.line() + ")");
            if (already != null) {
                skipped.add(url + " (line " + feed.line() + "): " + already);
                continue;
            }
            String name = feed.title() == null || feed.title().equals(feed.url()) ? null : feed.title();
            added.add(new NewFeed(url, name, feed.tags()));
        }
        String merged;
        try {
            merged = FeedsYamlText.append(text, added, "imported from " + opmlName + " on " + LocalDate.now());
        } catch (IllegalArgumentException e) {
            throw new FeedsFileException(feedsFileName, 0, 0, e.getMessage());
        }
        checkReadsBack(loader, feedsFileName, merged, added);
        return new Result(List.copyOf(added), List.copyOf(skipped), merged);
    }

    /** The edit must read back as a valid file holding exactly the new entries, or nothing is written. */
    private static void checkReadsBack(FeedsFileLoader loader, String name, String merged, List<NewFeed> added) {
        List<FeedSpec> specs;
        try {
            specs = loader.parse(name, merged).feeds();
        } catch (FeedsFileException e) {
            throw new FeedsFileException(name, 0, 0, "the import would break the file, so nothing was written: " + e.getMessage());
        }
        List<FeedSpec> tail = specs.subList(specs.size() - added.size(), specs.size());
        for (int i = 0; i < added.size(); i++) {
            NewFeed want = added.get(i);
            FeedSpec got = tail.get(i);
            if (!want.url().equals(got.url()) || !java.util.Objects.equals(want.name(), got.name()) || !want.tags().equals(got.tags())) {
                throw new FeedsFileException(name, 0, 0, "the import would not read back as written (" + want.url()
                        + "), so nothing was written");
            }
        }
    }

    /** Replaces the file in one step, so the live reload never reads half of it. */
    private static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".feeds-", ".yaml.tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
