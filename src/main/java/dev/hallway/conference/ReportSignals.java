package dev.hallway.conference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words that say a post is, or is not, a report on an event that took place, in English, French and German.
 * A report looks back ("recap", "Day 2", "retour sur", "Rückblick", "we gave a talk"); an announcement, a call for
 * papers, a job post or a tutorial looks forward or elsewhere ("I'll be at", "CFP", "we're hiring", "how to").
 */
final class ReportSignals {

    private record Signal(Pattern pattern, String rule, double weight) {
    }

    private static Signal title(String regex, double weight) {
        return new Signal(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), "report-word-in-title", weight);
    }

    private static Signal lead(String regex, double weight) {
        return new Signal(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), "report-phrase-in-text", weight);
    }

    private static Signal against(String regex, String rule, double weight) {
        return new Signal(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), rule, -weight);
    }

    private static final String W = "(?<![\\p{L}])";
    private static final String E = "(?![\\p{L}])";

    private static final List<Signal> TITLE = List.of(
            title(W + "(recap|report|write-?up|wrap-?up|review|takeaways?|highlights|impressions|lessons learned|notes from|notes on|memories|reflections|debrief|retrospective|summary|trip)" + E, 2),
            title(W + "(day|jour|tag)\\s*[0-9]+" + E, 2),
            title(W + "(feedback on|feedback from|my talk at|our talk at|talks? at|recording|back from|at the)" + E, 1),
            title(W + "(retour sur|retours sur|compte[- ]rendu|bilan|souvenirs|impressions de|j'étais à|résumé)" + E, 2),
            title(W + "(rückblick|bericht|nachlese|impressionen|zusammenfassung|erfahrungsbericht|eindrücke)" + E, 2));

    private static final List<Signal> LEAD = List.of(
            lead(W + "(i|we) (attended|visited|went to|was at|were at|spoke at|presented at|gave (a|my|our|two|three) talks?|delivered|had the (pleasure|chance|opportunity))" + E, 1.5),
            lead(W + "(took place|was held|were held|this year's|last week|last weekend|earlier this (week|month)|kicked off|wrapped up|just returned|just got back|came back from)" + E, 1),
            lead(W + "(j'ai assisté|j'ai participé|nous avons participé|s'est déroulée?|a eu lieu|ont eu lieu|nous étions|j'étais|cette année|la semaine dernière)" + E, 1.5),
            lead(W + "(ich war|wir waren|fand .{0,40}statt|habe ich|haben wir|besucht|teilgenommen|letzte woche|dieses jahr)" + E, 1.5));

    private static final List<Signal> AGAINST = List.of(
            against(W + "(call for (papers|proposals|speakers|participation)|cfp|cfps|submit your (talk|proposal)|submissions? (are|is) open|appel à (conférenciers|orateurs|propositions|communications)|aufruf zur einreichung)" + E, "call-for-papers", 3),
            against(W + "(we'?re hiring|we are hiring|job opening|job offer|open positions?|join our team|nous recrutons|offre d'emploi|wir suchen|stellenangebot)" + E, "job-post", 3),
            against(W + "(how to|tutorial|step[- ]by[- ]step|getting started|installing|guide to|tl;dr; this is a tutorial|tutoriel|anleitung)" + E, "tutorial", 2),
            against(W + "(i'll be|i will be|we'll be|we will be|i'm going to|will be speaking|will be attending|i'll be attending|see you (at|in|there)|join us|come (and )?(see|visit|meet) us|upcoming|next week|next month|later this year|save the date|register now|get your tickets?|early[- ]bird|je serai|nous serons|rejoignez-nous|à venir|ich werde|wir werden|kommt vorbei|anmeldung)" + E, "future-tense", 2));

    static List<Evidence> inTitle(String title) {
        List<Evidence> found = new ArrayList<>();
        collect(title, TITLE, found, 1);
        collect(title, AGAINST, found, 1);
        return found;
    }

    static List<Evidence> inLead(String lead) {
        List<Evidence> found = new ArrayList<>();
        collect(lead, LEAD, found, 2);
        collect(lead, AGAINST, found, 2);
        return found;
    }

    private static void collect(String text, List<Signal> signals, List<Evidence> found, int maxPerSignal) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (Signal s : signals) {
            Matcher m = s.pattern().matcher(text);
            int hits = 0;
            while (m.find() && hits < maxPerSignal) {
                found.add(new Evidence(s.rule(), m.group().toLowerCase(Locale.ROOT), s.weight()));
                hits++;
            }
        }
    }
}
