package dev.hallway.support;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Many blogs on one {@link FeedServer}, for tests of polling at scale. Each blog serves a conference report dated
 * in ISO week 2026-W47, a post of its own, and one of a few posts cross-posted on several blogs (same URL: one
 * entry); {@link #addPostToEveryBlog()} publishes one more post everywhere while they are polled. Every post URL
 * ever served is remembered, so a test can compare the stored entries with what was really there.
 */
public final class BlogFarm {

    public static final String WEEK = "2026-W47";
    private static final String[] CONFERENCES = {"SeaGL", "All Things Open", "Capitole du Libre", "SFSCON",
            "Meeting C++", "RubyConf", "EuroRust", "P99 CONF", "J-Fall", "LinuxDays"};
    private static final int SHARED = 4;

    private record Post(String title, String link, String pubDate, String html) {
    }

    private final FeedServer server;
    private final List<List<Post>> blogs = new ArrayList<>();
    private final Set<String> served = ConcurrentHashMap.newKeySet();
    private int added;

    /** Serves {@code count} blogs, each answering after {@code responseDelay} (a real blog is not instant). */
    public BlogFarm(FeedServer server, int count, Duration responseDelay) {
        this.server = server;
        for (int i = 0; i < count; i++) {
            List<Post> posts = new CopyOnWriteArrayList<>();
            String conference = CONFERENCES[i % CONFERENCES.length];
            posts.add(new Post(conference + " 2026 recap, as blog " + i + " saw it", "https://blog" + i + ".example/report",
                    "Tue, 17 Nov 2026 10:" + String.format("%02d", i % 60) + ":00 +0000",
                    "<p>I attended the conference last week and gave a talk. The hallway track was great. Blog " + i
                            + " remembers the " + conference + " keynote best.</p>"));
            posts.add(new Post("Notes on build caches from blog " + i, "https://blog" + i + ".example/caches",
                    "Tue, 10 Nov 2026 09:00:00 +0000", "<p>Blog " + i + " keeps its build cache on a spare disk.</p>"));
            int shared = i % SHARED;
            posts.add(new Post("Cross-posted announcement " + shared, "https://shared.example/announcement-" + shared,
                    "Thu, 12 Nov 2026 12:00:00 +0000", "<p>Announcement " + shared + ", carried by several blogs.</p>"));
            blogs.add(posts);
            int blog = i;
            server.route(path(i), request -> {
                Rss rss = Rss.feed("Blog " + blog);
                for (Post p : blogs.get(blog)) {
                    rss.item(p.title(), p.link(), p.pubDate(), p.html());
                    served.add(p.link());
                }
                return FeedServer.Reply.ok(rss.bytes(), Fixtures.RSS).after(responseDelay);
            });
        }
    }

    public int size() {
        return blogs.size();
    }

    public String path(int blog) {
        return "/blog/" + blog + ".rss";
    }

    /** feeds.yaml following every blog at this interval. */
    public String feedsYaml(String interval) {
        StringBuilder yaml = new StringBuilder("defaults:\n  interval: " + interval + "\nfeeds:\n");
        for (int i = 0; i < blogs.size(); i++) {
            yaml.append("  - url: ").append(server.url(path(i))).append("\n    name: Blog ").append(i).append('\n');
        }
        return yaml.toString();
    }

    /** Every blog publishes one more post, dated now. */
    public synchronized void addPostToEveryBlog() {
        added++;
        String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        for (int i = 0; i < blogs.size(); i++) {
            blogs.get(i).add(0, new Post("Weekly note " + added + " from blog " + i, "https://blog" + i + ".example/note-" + added,
                    now, "<p>Note " + added + " of blog " + i + ".</p>"));
        }
    }

    /** The URLs of every post any response carried. */
    public Set<String> servedPostUrls() {
        return Set.copyOf(served);
    }

    /** When each request for the blog's feed arrived, in {@link System#nanoTime()} terms. */
    public List<Long> requestTimes(int blog) {
        return server.requests(path(blog)).stream().map(FeedServer.Request::atNanos).toList();
    }
}
