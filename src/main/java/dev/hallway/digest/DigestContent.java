package dev.hallway.digest;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What a week's digest holds, frozen when it is built: the conference editions with their reports, groups ordered
 * by number of reports, then name. Stored as JSON, read back by Jackson through reflection, which a native image must
 * be told about (its nested records come with it).
 */
@RegisterForReflection
public record DigestContent(String week, String period, List<Group> groups) {

    public record Group(String slug, String series, String name, List<Report> reports) {
        public int count() {
            return reports.size();
        }
    }

    /**
     * One report. {@code note} says why a report appears in a later week's digest than its date ("published last
     * week": it was first seen after that week's digest was built); null otherwise.
     */
    public record Report(String title, String url, String blog, String author, String date, String summary, String note) {
        public Report(String title, String url, String blog, String author, String date, String summary) {
            this(title, url, blog, author, date, summary, null);
        }
    }

    public int reports() {
        return groups.stream().mapToInt(g -> g.reports().size()).sum();
    }

    /** Only the groups of the followed series (all of them when nothing is followed). */
    public DigestContent forSeries(List<String> followed) {
        if (followed == null || followed.isEmpty()) {
            return this;
        }
        return new DigestContent(week, period, groups.stream().filter(g -> followed.contains(g.series())).toList());
    }

    /** "Hallway — 7 reports from 3 conferences (2026-W47)" */
    public String subject() {
        int reports = reports();
        int conferences = groups.size();
        return "Hallway — " + reports + (reports == 1 ? " report" : " reports") + " from " + conferences
                + (conferences == 1 ? " conference" : " conferences") + " (" + week + ")";
    }
}
