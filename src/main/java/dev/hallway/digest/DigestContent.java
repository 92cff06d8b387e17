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

        /**
         * The summary for the plain-text part: as stored, except the "…" our truncation put at its end, written
         * "..." (the rest is the feed's text and stays as it is).
         */
        public String plainSummary() {
            return summary != null && summary.endsWith("…") ? summary.substring(0, summary.length() - 1) + "..." : summary;
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
        return subject("Hallway — ");
    }

    /**
     * The subject in ASCII, for the plain-text part: "Hallway - 7 reports from 3 conferences (2026-W47)". What the
     * plain-text part writes of its own is ASCII, so that a week whose titles, names and summaries are ASCII is sent
     * as it is (7bit) rather than quoted-printable-encoded for every message (see DigestVariants).
     */
    public String plainSubject() {
        return subject("Hallway - ");
    }

    /** Between the first and the last day of {@link #period}: "16 Nov 2026 – 22 Nov 2026". */
    static final String PERIOD_DASH = " – ";

    /** The period in ASCII, for the plain-text part: "16 Nov 2026 - 22 Nov 2026". */
    public String plainPeriod() {
        return period == null ? null : period.replace(PERIOD_DASH, " - ");
    }

    private String subject(String lead) {
        int reports = reports();
        int conferences = groups.size();
        return lead + reports + (reports == 1 ? " report" : " reports") + " from " + conferences
                + (conferences == 1 ? " conference" : " conferences") + " (" + week + ")";
    }
}
