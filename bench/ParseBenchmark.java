// Hallway parse benchmark: ROME alone vs. our parse (FeedParser) vs. our parse + normalize (EntryNormalizer).
//
// Single-file program for Java's source launcher; bench/parse.sh builds the classpath and runs it:
//   java -cp target/classes:$(cat target/bench-classpath.txt) bench/ParseBenchmark.java [options]
//
// Options:
//   --feeds N        generated feeds (default 300)
//   --entries N      generated entries in all (default 20000; per-feed counts vary around the mean)
//   --seed N         generator seed (default 20240203)
//   --rounds N       measured rounds (default 5); each round times every variant once, interleaved
//   --warmup N       warm-up passes of every variant before measuring (default 2)
//   --corpus DIR     also measure every file of this directory tree that both ROME and FeedParser read
//                    (default /work/shared/corpora/feedparser when it exists; "none" to skip)
//   --no-breakdown   skip the per-stage breakdown at the end
//   --write DIR      generate only: write --feeds feeds of exactly --per-feed entries each into DIR
//                    (feed-NNNN.rss / feed-NNNN.atom, plus index.tsv), and exit; used by bench/poll-cycle.sh
//   --per-feed N     entries per feed with --write (default 20)
//
// Everything runs on the main thread. MB = 10^6 bytes of feed as fetched (UTF-8 XML).

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.hallway.normalize.EntryNormalizer;
import dev.hallway.normalize.HtmlSanitizer;
import dev.hallway.normalize.NormalizedEntry;
import dev.hallway.normalize.PlainText;
import dev.hallway.parse.FeedParser;
import dev.hallway.parse.ParsedFeed;
import dev.hallway.parse.ParsedItem;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

public class ParseBenchmark {

    /** One feed as fetched: what every variant gets. */
    record Feed(String name, String url, String contentType, byte[] bytes, int entries) {
    }

    interface Work {
        int run(Feed feed) throws Exception;
    }

    static long sink; // results feed this, so no variant's work can be optimized away

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int feeds = Integer.parseInt(opt.getOrDefault("feeds", opt.containsKey("write") ? "500" : "300"));
        int entries = Integer.parseInt(opt.getOrDefault("entries", "20000"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "20240203"));
        if (opt.containsKey("write")) {
            write(Path.of(opt.get("write")), feeds, Integer.parseInt(opt.getOrDefault("per-feed", "20")), seed);
            return;
        }
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "5"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "2"));
        String corpusDir = opt.getOrDefault("corpus",
                Files.isDirectory(Path.of("/work/shared/corpora/feedparser")) ? "/work/shared/corpora/feedparser" : "none");

        System.out.printf("ParseBenchmark: java %s, %d CPUs available, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        FeedParser parser = new FeedParser();
        Work rome = f -> {
            SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(f.bytes()), f.contentType(), true));
            return feed.getEntries().size();
        };
        Work parseOnly = f -> parser.parse(f.bytes(), f.contentType(), f.url()).items().size();
        Work ours = f -> {
            ParsedFeed parsed = parser.parse(f.bytes(), f.contentType(), f.url());
            List<NormalizedEntry> normalized = EntryNormalizer.normalizeAll(parsed.items(), Instant.now());
            return normalized.size() + (normalized.isEmpty() ? 0 : normalized.get(0).contentHash().length());
        };
        String[] names = {"rome", "parse-only", "ours"};
        Work[] works = {rome, parseOnly, ours};

        Map<String, List<Feed>> sets = new java.util.LinkedHashMap<>();
        long t0 = System.nanoTime();
        List<Feed> generated = generate(feeds, entries, seed);
        System.out.printf("generated: %d feeds (%d RSS 2.0 WordPress, %d Atom Hugo), %d entries, %.1f MB in %.1f s%n",
                generated.size(), generated.stream().filter(f -> f.name().endsWith(".rss")).count(),
                generated.stream().filter(f -> f.name().endsWith(".atom")).count(), entries(generated),
                mb(generated), (System.nanoTime() - t0) / 1e9);
        check(generated, rome, parser);
        sets.put("generated", generated);
        if (!corpusDir.equals("none")) {
            List<Feed> corpus = corpus(Path.of(corpusDir), rome, parser);
            sets.put("corpus", corpus);
        }

        for (Map.Entry<String, List<Feed>> set : sets.entrySet()) {
            measure(set.getKey(), set.getValue(), names, works, warmup, rounds);
        }
        if (!opt.containsKey("no-breakdown")) {
            breakdown(generated, parser, rome);
        }
        System.out.println("(sink " + (sink & 0xff) + ")");
    }

    // ------------------------------------------------------------------------------------------------ measuring

    static void measure(String setName, List<Feed> set, String[] names, Work[] works, int warmup, int rounds) throws Exception {
        double mb = mb(set);
        long entries = entries(set);
        System.out.printf("%n== %s: %d feeds, %d entries, %.2f MB; %d warm-up pass(es) per variant, %d rounds ==%n",
                setName, set.size(), entries, mb, warmup, rounds);
        for (int w = 0; w < warmup; w++) {
            for (int v = 0; v < works.length; v++) {
                double s = pass(set, works[v]);
                System.out.printf("  warm-up %d %-10s %7.2f s%n", w + 1, names[v], s);
            }
        }
        double[][] seconds = new double[works.length][rounds];
        double[][] cpu = new double[works.length][rounds];
        double[] ratioOurs = new double[rounds];
        double[] ratioParse = new double[rounds];
        double[] cpuRatioOurs = new double[rounds];
        double[] cpuRatioParse = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder(String.format("  round %d:", r + 1));
            for (int v = 0; v < works.length; v++) {
                seconds[v][r] = pass(set, works[v]);
                cpu[v][r] = lastCpu;
                line.append(String.format("  %s %.2f s (%.1f MB/s, cpu %.2f s)", names[v], seconds[v][r], mb / seconds[v][r], cpu[v][r]));
            }
            ratioParse[r] = seconds[1][r] / seconds[0][r];
            ratioOurs[r] = seconds[2][r] / seconds[0][r];
            cpuRatioParse[r] = cpu[1][r] / cpu[0][r];
            cpuRatioOurs[r] = cpu[2][r] / cpu[0][r];
            line.append(String.format("  | parse/rome %.2f  ours/rome %.2f", ratioParse[r], ratioOurs[r]));
            System.out.println(line);
        }
        System.out.printf("  -- %s, medians of %d rounds (single thread) --%n", setName, rounds);
        for (int v = 0; v < works.length; v++) {
            double s = median(seconds[v]);
            System.out.printf("  %-42s %8.2f MB/s %10.0f entries/s   (%.2f s per pass)%n",
                    label(names[v]), mb / s, entries / s, s);
        }
        System.out.printf("  RATIO parse-only/ROME (time per MB): %.2f   [median of per-round ratios; min %.2f max %.2f]%n",
                median(ratioParse), min(ratioParse), max(ratioParse));
        System.out.printf("  RATIO ours/ROME       (time per MB): %.2f   [median of per-round ratios; min %.2f max %.2f]  target <= 1.50: %s%n",
                median(ratioOurs), min(ratioOurs), max(ratioOurs), median(ratioOurs) <= 1.5 ? "MET" : "NOT MET");
        System.out.printf("  same ratios on main-thread CPU time (less sensitive to other load): parse-only/ROME %.2f, ours/ROME %.2f%n",
                median(cpuRatioParse), median(cpuRatioOurs));
    }

    static String label(String variant) {
        return switch (variant) {
            case "rome" -> "ROME alone (SyndFeedInput+XmlReader)";
            case "parse-only" -> "FeedParser.parse only";
            default -> "ours (FeedParser + EntryNormalizer)";
        };
    }

    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    /** CPU seconds of the main thread in the last pass: less disturbed than wall time when others share the CPUs. */
    static double lastCpu;

    static double pass(List<Feed> set, Work work) throws Exception {
        System.gc();
        long s = 0;
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (Feed feed : set) {
            s += work.run(feed);
        }
        long took = System.nanoTime() - t0;
        lastCpu = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
        sink += s;
        return took / 1e9;
    }

    /**
     * Where the time of "ours" goes, stage by stage, on the generated set (each stage timed alone over all feeds,
     * median of 3). Parse stages are package-private in dev.hallway.parse and are reached by reflection; if that
     * fails (code moved), those lines are skipped.
     */
    static void breakdown(List<Feed> set, FeedParser parser, Work rome) throws Exception {
        System.out.printf("%n== breakdown of our layer on the generated set (each stage alone, median of 3 passes) ==%n");
        double mb = mb(set);
        double romeS = median3(() -> timeAll(set, rome));
        System.out.printf("  %-52s %7.2f s  %5.2fx ROME%n", "ROME alone (reference)", romeS, 1.0);
        try {
            Class<?> xmlText = Class.forName("dev.hallway.parse.XmlText");
            Class<?> doctypes = Class.forName("dev.hallway.parse.Doctypes");
            Class<?> secureXml = Class.forName("dev.hallway.parse.SecureXml");
            Class<?> rawDates = Class.forName("dev.hallway.parse.RawDates");
            Method decode = accessible(xmlText.getDeclaredMethod("decode", byte[].class, String.class));
            Method resolve = accessible(doctypes.getDeclaredMethod("resolve", String.class));
            Method heal = accessible(FeedParser.class.getDeclaredMethod("heal", String.class));
            Method secure = accessible(secureXml.getDeclaredMethod("parse", String.class));
            Method dates = accessible(rawDates.getDeclaredMethod("of", org.jdom2.Document.class));
            List<String> decoded = new ArrayList<>();
            List<String> resolved = new ArrayList<>();
            List<String> healed = new ArrayList<>();
            List<org.jdom2.Document> docs = new ArrayList<>();
            for (Feed f : set) {
                decoded.add((String) decode.invoke(null, f.bytes(), f.contentType()));
            }
            for (String s : decoded) {
                resolved.add((String) resolve.invoke(null, s));
            }
            for (String s : resolved) {
                healed.add((String) heal.invoke(null, s));
            }
            for (String s : healed) {
                docs.add((org.jdom2.Document) secure.invoke(null, s));
            }
            stage("XmlText.decode (XmlReader, UTF-8 check, clean)", romeS, () -> {
                long n = 0;
                for (Feed f : set) n += ((String) decode.invoke(null, f.bytes(), f.contentType())).length();
                return n;
            });
            stage("Doctypes.resolve", romeS, () -> {
                long n = 0;
                for (String s : decoded) n += ((String) resolve.invoke(null, s)).length();
                return n;
            });
            stage("FeedParser.heal (XmlFixerReader copy)", romeS, () -> {
                long n = 0;
                for (String s : resolved) n += ((String) heal.invoke(null, s)).length();
                return n;
            });
            stage("SecureXml.parse (JDOM SAXBuilder)", romeS, () -> {
                long n = 0;
                for (String s : healed) n += ((org.jdom2.Document) secure.invoke(null, s)).getContentSize();
                return n;
            });
            try {
                Method unwrap = accessible(Class.forName("dev.hallway.parse.Base64Content").getDeclaredMethod("unwrap", org.jdom2.Document.class));
                stage("Base64Content.unwrap", romeS, () -> {
                    for (org.jdom2.Document d : docs) unwrap.invoke(null, d);
                    return docs.size();
                });
            } catch (ClassNotFoundException | NoSuchMethodException absent) {
                // older FeedParser without it
            }
            stage("SyndFeedInput.build(Document)", romeS, () -> {
                long n = 0;
                for (org.jdom2.Document d : docs) n += new SyndFeedInput().build(d).getEntries().size();
                return n;
            });
            stage("RawDates.of", romeS, () -> {
                long n = 0;
                for (org.jdom2.Document d : docs) n += ((List<?>) dates.invoke(null, d)).size();
                return n;
            });
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.out.println("  (parse stages skipped: " + e + ")");
        }
        List<ParsedFeed> parsed = new ArrayList<>();
        for (Feed f : set) {
            parsed.add(parser.parse(f.bytes(), f.contentType(), f.url()));
        }
        stage("FeedParser.parse (whole)", romeS, () -> timeAllCount(set, f -> parser.parse(f.bytes(), f.contentType(), f.url()).items().size()));
        stage("EntryNormalizer.normalizeAll (whole)", romeS, () -> {
            long n = 0;
            Instant now = Instant.now();
            for (ParsedFeed p : parsed) n += EntryNormalizer.normalizeAll(p.items(), now).size();
            return n;
        });
        List<String> sanitized = new ArrayList<>();
        for (ParsedFeed p : parsed) {
            for (ParsedItem i : p.items()) {
                sanitized.add(HtmlSanitizer.sanitize(i.contentHtml() != null ? i.contentHtml() : i.summaryHtml(), i.baseUri()));
            }
        }
        stage("  HtmlSanitizer.sanitize(content)", romeS, () -> {
            long n = 0;
            for (ParsedFeed p : parsed) {
                for (ParsedItem i : p.items()) {
                    String s = HtmlSanitizer.sanitize(i.contentHtml() != null ? i.contentHtml() : i.summaryHtml(), i.baseUri());
                    n += s == null ? 0 : s.length();
                }
            }
            return n;
        });
        stage("  PlainText.ofHtml(sanitized content)", romeS, () -> {
            long n = 0;
            for (String s : sanitized) n += PlainText.ofHtml(s).length();
            return n;
        });
        stage("  PlainText.ofHtml(summary)", romeS, () -> {
            long n = 0;
            for (ParsedFeed p : parsed) {
                for (ParsedItem i : p.items()) {
                    if (i.summaryHtml() != null) n += PlainText.ofHtml(i.summaryHtml()).length();
                }
            }
            return n;
        });
        System.out.printf("  (generated set: %.2f MB; ROME alone %.1f MB/s in this section)%n", mb, mb / romeS);
    }

    interface Timed {
        long run() throws Exception;
    }

    static void stage(String name, double romeSeconds, Timed timed) throws Exception {
        double s = median3(() -> {
            System.gc();
            long t0 = System.nanoTime();
            sink += timed.run();
            return (System.nanoTime() - t0) / 1e9;
        });
        System.out.printf("  %-52s %7.2f s  %5.2fx ROME%n", name, s, s / romeSeconds);
    }

    interface Seconds {
        double get() throws Exception;
    }

    static double median3(Seconds s) throws Exception {
        double[] t = {s.get(), s.get(), s.get()};
        return median(t);
    }

    static double timeAll(List<Feed> set, Work work) throws Exception {
        return pass(set, work);
    }

    static long timeAllCount(List<Feed> set, Work work) throws Exception {
        long n = 0;
        for (Feed f : set) n += work.run(f);
        return n;
    }

    static Method accessible(Method m) {
        m.setAccessible(true);
        return m;
    }

    // ------------------------------------------------------------------------------------------------ inputs

    /** Every generated feed must read with ROME and with FeedParser, with the same number of entries. */
    static void check(List<Feed> set, Work rome, FeedParser parser) throws Exception {
        for (Feed f : set) {
            int r = rome.run(f);
            int o = parser.parse(f.bytes(), f.contentType(), f.url()).items().size();
            if (r != f.entries() || o != f.entries()) {
                throw new IllegalStateException(f.name() + ": generated " + f.entries() + " entries, ROME read " + r + ", FeedParser " + o);
            }
        }
    }

    /** Files of the feedparser test corpus that both ROME and FeedParser read; Content-Type from its MANIFEST. */
    static List<Feed> corpus(Path dir, Work rome, FeedParser parser) throws Exception {
        Map<String, String> contentTypes = new HashMap<>();
        Path manifest = dir.resolve("MANIFEST.tsv");
        if (Files.exists(manifest)) {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                String[] cols = line.split("\t", -1);
                if (cols.length > 2 && cols[2].toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentTypes.put(cols[0], cols[2].substring("content-type:".length()).trim());
                }
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().matches("(?i)MANIFEST\\.tsv|LICENSE|SOURCE\\.txt"))
                    .sorted().toList();
        }
        List<Feed> feeds = new ArrayList<>();
        int romeFailed = 0, oursFailed = 0;
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
        for (Path p : files) {
            String rel = dir.relativize(p).toString();
            byte[] bytes = Files.readAllBytes(p);
            Feed probe = new Feed(rel, "http://127.0.0.1/corpus/" + rel, contentTypes.getOrDefault(rel, "application/xml"), bytes, 0);
            int n;
            try {
                n = rome.run(probe);
            } catch (Exception | StackOverflowError e) {
                romeFailed++;
                continue;
            }
            try {
                parser.parse(bytes, probe.contentType(), probe.url());
            } catch (Exception | StackOverflowError e) {
                oursFailed++;
                continue;
            }
            feeds.add(new Feed(rel, probe.url(), probe.contentType(), bytes, n));
        }
        System.out.printf("corpus %s: %d files, %d read by both ROME and FeedParser (ROME refused %d, then FeedParser refused %d)%n",
                dir, files.size(), feeds.size(), romeFailed, oursFailed);
        return feeds;
    }

    static long entries(List<Feed> set) {
        return set.stream().mapToLong(Feed::entries).sum();
    }

    static double mb(List<Feed> set) {
        return set.stream().mapToLong(f -> f.bytes().length).sum() / 1e6;
    }

    // ------------------------------------------------------------------------------------------------ generator

    static List<Feed> generate(int feeds, int totalEntries, long seed) {
        Random rnd = new Random(seed);
        int[] counts = new int[feeds];
        int mean = Math.max(1, totalEntries / feeds);
        int sum = 0;
        for (int i = 0; i < feeds; i++) {
            // WordPress sends its 10 newest, Hugo everything: a wide spread around the mean
            counts[i] = Math.max(1, (int) Math.round(mean * (0.15 + 1.7 * rnd.nextDouble())));
            sum += counts[i];
        }
        // nudge to the exact total, deterministically
        for (int i = 0; sum != totalEntries; i = (i + 1) % feeds) {
            if (sum < totalEntries) {
                counts[i]++;
                sum++;
            } else if (counts[i] > 1) {
                counts[i]--;
                sum--;
            }
        }
        List<Feed> out = new ArrayList<>();
        for (int i = 0; i < feeds; i++) {
            out.add(new Gen(new Random(seed * 31 + i), i).feed(counts[i], rnd.nextInt(100) < 55));
        }
        return out;
    }

    static void write(Path dir, int feeds, int perFeed, long seed) throws Exception {
        Files.createDirectories(dir);
        Random rnd = new Random(seed);
        StringBuilder index = new StringBuilder();
        long bytes = 0;
        for (int i = 0; i < feeds; i++) {
            Feed f = new Gen(new Random(seed * 31 + i), i).feed(perFeed, rnd.nextInt(100) < 55);
            Files.write(dir.resolve(f.name()), f.bytes());
            index.append(f.name()).append('\t').append(f.entries()).append('\t').append(f.contentType()).append('\n');
            bytes += f.bytes().length;
        }
        Files.writeString(dir.resolve("index.tsv"), index);
        System.out.printf("wrote %d feeds x %d entries (%d entries, %.1f MB) to %s%n", feeds, perFeed, feeds * perFeed, bytes / 1e6, dir);
    }

    /** One blog: a WordPress RSS 2.0 feed with content:encoded, or a Hugo Atom 1.0 feed with escaped HTML content. */
    static final class Gen {
        static final String[] WORDS = ("the of and to in is that for it as was with be by on not this are or from at which but "
                + "have an they more one all we were there their been has when who will would can if its about into than "
                + "them only other new some could these may first then do any like my now over such our most even made after "
                + "also did many before must through back years where much your way well down should because each just those "
                + "how too good very make world still own see men work long get here between both life being under never day "
                + "same another know while last might great old year off come since against go came right used take three "
                + "database server cluster replication latency query index planner postgres mysql kernel scheduler memory "
                + "talk slides speaker keynote session track room hallway conference schedule booth community maintainer "
                + "release patch review benchmark throughput storage network container deploy rollout config pipeline build "
                + "compiler runtime garbage collector thread lock contention cache eviction shard partition leader follower "
                + "consensus raft paxos vacuum checkpoint transaction isolation snapshot backup restore migration schema "
                + "rust golang java python typescript elixir erlang haskell ocaml wasm linux freebsd systemd ebpf tracing "
                + "metrics logging observability dashboard alert incident postmortem oncall pager outage capacity budget "
                + "interesting surprising useful slow fast simple hard honest small large busy quiet early late crowded").split(" ");
        static final String[] CONFS = {"FOSDEM", "SCaLE", "Percona Live", "dotScale", "KubeCon", "PGConf.EU", "All Systems Go",
                "Strange Loop", "GopherCon", "RustConf", "PyCon", "Devoxx", "JFokus", "Monitorama", "SREcon", "LISA"};
        static final String[] LANGS = {"go", "rust", "python", "java", "sql", "bash", "yaml"};
        static final String[] TAGS = {"Conferences", "Databases", "Talks", "Linux", "Programming", "Travel", "Open Source",
                "Performance", "Kubernetes", "PostgreSQL", "Rust", "Go", "Events", "Notes", "Uncategorized"};
        static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

        final Random rnd;
        final int index;
        String site;

        Gen(Random rnd, int index) {
            this.rnd = rnd;
            this.index = index;
        }

        Feed feed(int entries, boolean wordpress) {
            site = wordpress ? String.format("https://blog%04d.example.org", index) : String.format("https://notes%04d.example.net", index);
            String blog = capital(word()) + " " + capital(word()) + (rnd.nextBoolean() ? " Blog" : "");
            String author = capital(word()) + " " + capital(word());
            ZonedDateTime newest = ZonedDateTime.of(2025, 5, 1, 9, 0, 0, 0, ZoneOffset.UTC)
                    .minusMinutes(rnd.nextInt(60 * 24 * 60));
            ZonedDateTime[] dates = new ZonedDateTime[entries];
            ZonedDateTime d = newest;
            for (int i = 0; i < entries; i++) {
                dates[i] = d;
                d = d.minusMinutes(60L * 24 * (1 + rnd.nextInt(20)) + rnd.nextInt(1440));
            }
            StringBuilder x = new StringBuilder(entries * 7000);
            String name = String.format("feed-%04d.%s", index, wordpress ? "rss" : "atom");
            if (wordpress) {
                wpHeader(x, blog, newest);
                for (int i = 0; i < entries; i++) {
                    wpItem(x, i, dates[i], author);
                }
                x.append("\t</channel>\n</rss>\n");
                return new Feed(name, site + "/feed/", "application/rss+xml; charset=UTF-8", x.toString().getBytes(StandardCharsets.UTF_8), entries);
            }
            hugoHeader(x, blog, newest, author);
            for (int i = 0; i < entries; i++) {
                hugoEntry(x, i, dates[i], author);
            }
            x.append("</feed>\n");
            return new Feed(name, site + "/atom.xml", "application/atom+xml", x.toString().getBytes(StandardCharsets.UTF_8), entries);
        }

        void wpHeader(StringBuilder x, String blog, ZonedDateTime newest) {
            x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"\n")
                    .append("\txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n")
                    .append("\txmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"\n")
                    .append("\txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n")
                    .append("\txmlns:atom=\"http://www.w3.org/2005/Atom\"\n")
                    .append("\txmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\"\n")
                    .append("\txmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\"\n\t>\n\n<channel>\n")
                    .append("\t<title>").append(xml(blog)).append("</title>\n")
                    .append("\t<atom:link href=\"").append(site).append("/feed/\" rel=\"self\" type=\"application/rss+xml\" />\n")
                    .append("\t<link>").append(site).append("</link>\n")
                    .append("\t<description>").append(xml(sentence(6))).append("</description>\n")
                    .append("\t<lastBuildDate>").append(RFC822.format(newest)).append("</lastBuildDate>\n")
                    .append("\t<language>en-US</language>\n")
                    .append("\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n")
                    .append("\t<generator>https://wordpress.org/?v=6.5.2</generator>\n");
        }

        void wpItem(StringBuilder x, int i, ZonedDateTime date, String author) {
            String slug = slug(i);
            String link = String.format("%s/%d/%02d/%02d/%s/", site, date.getYear(), date.getMonthValue(), date.getDayOfMonth(), slug);
            String title = title(i);
            int postId = 1000 + index * 10 + i * 7;
            String body = body(true, date);
            String excerpt = excerpt(body);
            x.append("\t<item>\n")
                    .append("\t\t<title>").append(xml(title).replace("&amp;", "&#038;")).append("</title>\n")
                    .append("\t\t<link>").append(link).append("</link>\n")
                    .append("\t\t<comments>").append(link).append("#respond</comments>\n")
                    .append("\t\t<dc:creator><![CDATA[").append(author).append("]]></dc:creator>\n")
                    .append("\t\t<pubDate>").append(RFC822.format(date)).append("</pubDate>\n");
            for (String tag : tags()) {
                x.append("\t\t<category><![CDATA[").append(tag).append("]]></category>\n");
            }
            x.append("\t\t<guid isPermaLink=\"false\">").append(site).append("/?p=").append(postId).append("</guid>\n")
                    .append("\n\t\t\t\t\t<description><![CDATA[").append(excerpt).append(" [&#8230;]</p>\n<p>The post <a href=\"")
                    .append(link).append("\">").append(xml(title)).append("</a> appeared first on <a href=\"").append(site)
                    .append("\">").append(site.substring(8)).append("</a>.</p>\n]]></description>\n")
                    .append("\t\t\t\t\t\t\t\t\t\t<content:encoded><![CDATA[").append(body).append("]]></content:encoded>\n")
                    .append("\t\t\t\t\t\n\t\t\t\t\t<wfw:commentRss>").append(link).append("feed/</wfw:commentRss>\n")
                    .append("\t\t\t<slash:comments>").append(rnd.nextInt(12)).append("</slash:comments>\n")
                    .append("\t\t</item>\n");
        }

        void hugoHeader(StringBuilder x, String blog, ZonedDateTime newest, String author) {
            x.append("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n")
                    .append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n")
                    .append("  <title>").append(xml(blog)).append("</title>\n")
                    .append("  <link href=\"").append(site).append("/\" rel=\"alternate\" type=\"text/html\" />\n")
                    .append("  <link href=\"").append(site).append("/atom.xml\" rel=\"self\" type=\"application/atom+xml\" />\n")
                    .append("  <updated>").append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(newest)).append("</updated>\n")
                    .append("  <id>").append(site).append("/</id>\n")
                    .append("  <author>\n    <name>").append(xml(author)).append("</name>\n  </author>\n")
                    .append("  <generator uri=\"https://gohugo.io/\" version=\"0.125.4\">Hugo</generator>\n");
        }

        void hugoEntry(StringBuilder x, int i, ZonedDateTime date, String author) {
            String link = String.format("%s/posts/%d/%s/", site, date.getYear(), slug(i));
            String title = title(i);
            String body = body(false, date);
            ZonedDateTime local = date.withZoneSameInstant(ZoneOffset.ofHours(rnd.nextBoolean() ? 1 : 2));
            x.append("  <entry>\n")
                    .append("    <title type=\"html\">").append(xml(title)).append("</title>\n")
                    .append("    <link href=\"").append(link).append("\" rel=\"alternate\" type=\"text/html\" />\n")
                    .append("    <id>").append(link).append("</id>\n")
                    .append("    <published>").append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(local)).append("</published>\n")
                    .append("    <updated>").append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            rnd.nextInt(4) == 0 ? local.plusDays(1 + rnd.nextInt(9)) : local)).append("</updated>\n")
                    .append("    <author><name>").append(xml(author)).append("</name></author>\n");
            for (String tag : tags()) {
                x.append("    <category term=\"").append(xml(tag.toLowerCase(Locale.ROOT).replace(' ', '-'))).append("\" />\n");
            }
            x.append("    <summary type=\"html\">").append(xml(excerpt(body))).append("</summary>\n")
                    .append("    <content type=\"html\">").append(xml(body)).append("</content>\n")
                    .append("  </entry>\n");
        }

        /** The HTML of a post: paragraphs, headings, images, lists, code, quotes; some relative URLs; some junk. */
        String body(boolean wp, ZonedDateTime date) {
            StringBuilder b = new StringBuilder(6000);
            int blocks = 3 + rnd.nextInt(20);
            for (int k = 0; k < blocks; k++) {
                int roll = rnd.nextInt(100);
                if (k == 0 || roll < 52) {
                    paragraph(b, wp);
                } else if (roll < 60) {
                    String h = capital(words(3 + rnd.nextInt(5)));
                    if (wp) {
                        b.append("<h2 class=\"wp-block-heading\">").append(h).append("</h2>\n\n");
                    } else {
                        b.append("<h2 id=\"").append(h.toLowerCase(Locale.ROOT).replace(' ', '-')).append("\">").append(h).append("</h2>\n");
                    }
                } else if (roll < 67) {
                    image(b, wp, date);
                } else if (roll < 75) {
                    list(b, wp);
                } else if (roll < 82) {
                    code(b, wp);
                } else if (roll < 86) {
                    b.append(wp ? "<blockquote class=\"wp-block-quote is-layout-flow\">" : "<blockquote>\n");
                    paragraph(b, wp);
                    b.append(wp ? "<cite>" + capital(word()) + " " + capital(word()) + "</cite></blockquote>\n\n" : "</blockquote>\n");
                } else if (roll < 89) {
                    table(b);
                } else if (roll < 91) {
                    // junk a sanitizer must drop: scripts, styles, embeds, event handlers
                    b.append("<script type=\"text/javascript\">window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-")
                            .append(Integer.toHexString(rnd.nextInt()).toUpperCase(Locale.ROOT)).append("');</script>\n");
                } else if (roll < 93) {
                    b.append("<figure class=\"wp-block-embed is-type-video is-provider-youtube\"><div class=\"wp-block-embed__wrapper\">\n")
                            .append("<iframe loading=\"lazy\" title=\"").append(capital(words(4))).append("\" width=\"500\" height=\"281\" src=\"https://www.youtube.com/embed/")
                            .append(Long.toString(rnd.nextLong() & 0xffffffffffL, 36)).append("?feature=oembed\" frameborder=\"0\" allow=\"accelerometer; autoplay; clipboard-write; encrypted-media\" allowfullscreen></iframe>\n</div></figure>\n\n");
                } else if (roll < 95) {
                    b.append("<p style=\"color:#c00\" onclick=\"alert('hi')\" onmouseover=\"track(this)\">").append(sentence(12))
                            .append(" <a href=\"javascript:void(0)\" onclick=\"share()\">Share</a></p>\n");
                } else if (roll < 97) {
                    b.append("<style>.post-").append(rnd.nextInt(999)).append(" p { margin: 0 0 1em; font-family: Georgia, serif; }</style>\n");
                    paragraph(b, wp);
                } else {
                    b.append("<div class=\"sharedaddy sd-sharing-enabled\"><div class=\"robots-nocontent sd-block sd-social\"><h3 class=\"sd-title\">Share this:</h3>")
                            .append("<ul><li class=\"share-twitter\"><a rel=\"nofollow noopener noreferrer\" data-shared=\"sharing-twitter\" class=\"share-twitter sd-button\" href=\"")
                            .append(site).append("/?share=twitter\" target=\"_blank\" title=\"Click to share on Twitter\"><span>Twitter</span></a></li></ul></div></div>\n");
                }
            }
            return b.toString();
        }

        void paragraph(StringBuilder b, boolean wp) {
            b.append("<p>");
            int sentences = 2 + rnd.nextInt(5);
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    b.append(' ');
                }
                int roll = rnd.nextInt(100);
                String text = sentence(8 + rnd.nextInt(18));
                if (roll < 12) {
                    // a link: absolute, site-relative or page-relative
                    String[] w = text.split(" ");
                    int at = rnd.nextInt(w.length);
                    String href = switch (rnd.nextInt(3)) {
                        case 0 -> "https://" + word() + ".example.com/" + word() + "/" + word() + "?utm_source=blog&amp;ref=" + word();
                        case 1 -> "/" + (wp ? "2023/0" + (1 + rnd.nextInt(9)) + "/" : "posts/") + word() + "-" + word() + "/";
                        default -> "../" + word() + "-" + word() + "/";
                    };
                    w[at] = "<a href=\"" + href + "\">" + w[at] + "</a>";
                    text = String.join(" ", w);
                } else if (roll < 20) {
                    text = text.replaceFirst(" (\\w+) ", " <code>$1()</code> ");
                } else if (roll < 28) {
                    text = text.replaceFirst(" (\\w+ \\w+) ", " <em>$1</em> ");
                } else if (roll < 33) {
                    text = text.replaceFirst(" (\\w+) ", " <strong>$1</strong> ");
                } else if (roll < 38) {
                    text = wp ? text.replaceFirst(" (\\w+) ", " &#8220;$1&#8221; ") + " It&#8217;s " + word() + "."
                            : text.replaceFirst(" (\\w+) ", " \u201c$1\u201d ") + " It\u2019s " + word() + ".";
                } else if (roll < 41) {
                    text = text + " " + CONFS[rnd.nextInt(CONFS.length)] + " in Br\u00fcssel \u2014 caf\u00e9 &amp; cr\u00eapes\u2026";
                } else if (roll < 42) {
                    text = text + " \uD83D\uDE80";
                } else if (roll < 46) {
                    // &nbsp; from the editor: raw in WordPress's CDATA (an HTML entity XML does not define, which ROME's
                    // healer rewrites), escaped like all the HTML in Hugo's Atom content
                    text = text.replaceFirst(" ", "&nbsp;") + "&nbsp;";
                }
                b.append(text);
            }
            b.append(wp ? "</p>\n\n\n\n" : "</p>\n");
        }

        void image(StringBuilder b, boolean wp, ZonedDateTime date) {
            String file = word() + "-" + word() + "-" + rnd.nextInt(100);
            String alt = capital(words(3 + rnd.nextInt(5)));
            if (wp) {
                String base = String.format("%s/wp-content/uploads/%d/%02d/%s", site, date.getYear(), date.getMonthValue(), file);
                b.append("<figure class=\"wp-block-image size-large\"><img decoding=\"async\" width=\"1024\" height=\"576\" src=\"")
                        .append(base).append("-1024x576.jpg\" alt=\"").append(alt).append("\" class=\"wp-image-").append(rnd.nextInt(9999))
                        .append("\" srcset=\"").append(base).append("-1024x576.jpg 1024w, ").append(base).append("-300x169.jpg 300w, ")
                        .append(base).append("-768x432.jpg 768w, ").append(base).append(".jpg 1280w\" sizes=\"(max-width: 1024px) 100vw, 1024px\" />")
                        .append(rnd.nextBoolean() ? "<figcaption class=\"wp-element-caption\">" + sentence(7) + "</figcaption>" : "")
                        .append("</figure>\n\n\n\n");
            } else if (rnd.nextInt(4) == 0) {
                b.append("<p><img src=\"").append(file).append(".png\" alt=\"").append(alt)
                        .append("\" onerror=\"this.style.display='none'\"></p>\n");
            } else {
                b.append("<figure><img src=\"/images/").append(file).append(".webp\" alt=\"").append(alt)
                        .append("\" loading=\"lazy\" width=\"800\" height=\"450\"><figcaption><p>").append(sentence(6))
                        .append("</p></figcaption></figure>\n");
            }
        }

        void list(StringBuilder b, boolean wp) {
            boolean ordered = rnd.nextInt(3) == 0;
            String tag = ordered ? "ol" : "ul";
            b.append('<').append(tag).append(wp ? " class=\"wp-block-list\">\n" : ">\n");
            int items = 3 + rnd.nextInt(5);
            for (int i = 0; i < items; i++) {
                b.append("<li>").append(sentence(4 + rnd.nextInt(12)));
                if (rnd.nextInt(5) == 0) {
                    b.append(" (<a href=\"https://").append(word()).append(".example.com/\">").append(word()).append("</a>)");
                }
                b.append("</li>\n");
            }
            b.append("</").append(tag).append(wp ? ">\n\n\n\n" : ">\n");
        }

        void code(StringBuilder b, boolean wp) {
            String lang = LANGS[rnd.nextInt(LANGS.length)];
            List<String> lines = new ArrayList<>();
            int n = 3 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                lines.add(switch (rnd.nextInt(5)) {
                    case 0 -> "if (" + word() + " < " + rnd.nextInt(100) + " && " + word() + " > 0) {";
                    case 1 -> "    " + word() + "." + word() + "(\"" + word() + "\", " + rnd.nextInt(1000) + ");";
                    case 2 -> "SELECT " + word() + ", count(*) FROM " + word() + " WHERE " + word() + " <> '" + word() + "' GROUP BY 1;";
                    case 3 -> "// " + sentence(6);
                    default -> "let " + word() + " = vec![" + rnd.nextInt(9) + ", " + rnd.nextInt(9) + "]; // <T> & co";
                });
            }
            if (wp) {
                b.append("<pre class=\"wp-block-code\"><code>");
                for (String l : lines) {
                    b.append(htmlEscape(l)).append('\n');
                }
                b.append("</code></pre>\n\n\n\n");
            } else {
                // Hugo's Chroma: a span per line and per token, inline styles
                b.append("<div class=\"highlight\"><pre tabindex=\"0\" style=\"color:#f8f8f2;background-color:#272822;-moz-tab-size:4;-o-tab-size:4;tab-size:4;\"><code class=\"language-")
                        .append(lang).append("\" data-lang=\"").append(lang).append("\">");
                for (String l : lines) {
                    b.append("<span style=\"display:flex;\"><span>");
                    for (String tok : l.split(" ")) {
                        if (tok.isEmpty()) {
                            b.append(' ');
                            continue;
                        }
                        String color = switch (rnd.nextInt(4)) {
                            case 0 -> "#66d9ef";
                            case 1 -> "#e6db74";
                            case 2 -> "#f92672";
                            default -> null;
                        };
                        if (color == null) {
                            b.append(htmlEscape(tok)).append(' ');
                        } else {
                            b.append("<span style=\"color:").append(color).append("\">").append(htmlEscape(tok)).append("</span> ");
                        }
                    }
                    b.append("\n</span></span>");
                }
                b.append("</code></pre></div>\n");
            }
        }

        void table(StringBuilder b) {
            int cols = 2 + rnd.nextInt(3), rows = 2 + rnd.nextInt(5);
            b.append("<table>\n<thead>\n<tr>");
            for (int c = 0; c < cols; c++) {
                b.append("<th>").append(capital(word())).append("</th>");
            }
            b.append("</tr>\n</thead>\n<tbody>\n");
            for (int r = 0; r < rows; r++) {
                b.append("<tr>");
                for (int c = 0; c < cols; c++) {
                    b.append("<td>").append(c == 0 ? word() : String.valueOf(rnd.nextInt(10000))).append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }

        /** WordPress and Hugo both summarize with the first ~55 words. */
        String excerpt(String body) {
            String text = body.replaceAll("(?s)<script.*?</script>|<style.*?</style>", "").replaceAll("<[^>]+>", " ")
                    .replaceAll("\\s+", " ").trim();
            String[] w = text.split(" ");
            return "<p>" + String.join(" ", Arrays.asList(w).subList(0, Math.min(55, w.length)));
        }

        List<String> tags() {
            List<String> t = new ArrayList<>();
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                String tag = TAGS[rnd.nextInt(TAGS.length)];
                if (!t.contains(tag)) {
                    t.add(tag);
                }
            }
            return t;
        }

        String title(int i) {
            return switch (rnd.nextInt(6)) {
                case 0 -> CONFS[rnd.nextInt(CONFS.length)] + " " + (2018 + rnd.nextInt(8)) + ": " + words(3 + rnd.nextInt(4));
                case 1 -> capital(words(2 + rnd.nextInt(3))) + " & " + words(2 + rnd.nextInt(3));
                case 2 -> "Notes from " + CONFS[rnd.nextInt(CONFS.length)] + " \u2014 " + words(3);
                default -> capital(words(4 + rnd.nextInt(7)));
            };
        }

        String slug(int i) {
            return word() + "-" + word() + "-" + word() + "-" + i;
        }

        String sentence(int n) {
            return capital(words(n)) + (rnd.nextInt(6) == 0 ? "?" : ".");
        }

        String words(int n) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    s.append(i % 7 == 6 && rnd.nextBoolean() ? ", " : " ");
                }
                s.append(word());
            }
            return s.toString();
        }

        String word() {
            return WORDS[rnd.nextInt(WORDS.length)];
        }

        static String capital(String s) {
            return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }

        static String xml(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }

        static String htmlEscape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            if (key.equals("no-breakdown")) {
                opt.put(key, "true");
            } else if (i + 1 < args.length) {
                opt.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
        }
        return opt;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
