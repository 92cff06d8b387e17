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

    /** @param starts the characters a match can start with, after a non-letter; null when any position can match */
    private record Signal(Pattern pattern, String rule, double weight, String starts) {
        Signal(Pattern pattern, String rule, double weight) {
            this(pattern, rule, weight, RegexStarts.afterWordBoundary(pattern.pattern(), W));
        }
    }

    // The patterns are written in lower case and run over lower-cased text: case-insensitive matching costs a case
    // fold per character tried, at every position of every alternative, and this runs for every stored post.
    private static Signal title(String regex, double weight) {
        return new Signal(Pattern.compile(regex), "report-word-in-title", weight);
    }

    private static Signal lead(String regex, double weight) {
        return new Signal(Pattern.compile(regex), "report-phrase-in-text", weight);
    }

    private static Signal against(String regex, String rule, double weight) {
        return new Signal(Pattern.compile(regex), rule, -weight);
    }

    private static final String W = "(?<![\\p{L}])";
    private static final String E = "(?![\\p{L}])";

    private static final List<Signal> TITLE = List.of(
            title(W + "(recap|report|write-?up|wrap-?up|review|takeaways?|highlights|impressions|lessons learned|notes from|notes on|reflections|debrief|retrospective|summary|trip|experience|feedback|learnings)" + E, 2),
            title(W + "(day|jour|tag)\\s*[0-9]+" + E, 2),
            title(W + "(feedback on|feedback from|my talk at|our talk at|talks? at|recording|back from|at the)" + E, 1),
            title(W + "(retour sur|retours sur|retour d'expérience|retex|compte[- ]rendu|bilan|souvenirs|impressions de|j'étais à|résumé|récap|première journée|deuxième journée)" + E, 2),
            title(W + "(rückblick|bericht|nachlese|impressionen|zusammenfassung|erfahrungsbericht|eindrücke|eindruck|besuch bei|besuch auf)" + E, 2));

    private static final List<Signal> LEAD = List.of(
            lead(W + "(i|we) (attended|visited|went to|was at|were at|spoke at|presented|gave (a|my|our|two|three) talks?|delivered|arrived|landed|had the (great |good )?(pleasure|chance|opportunity)|got to (see|meet|attend))" + E, 1.5),
            lead(W + "(my experience (attending|at)|to attend the|it was (a|an|my|great|fun|amazing)|was a (great|fantastic|wonderful) (event|conference|time)|the talk was)" + E, 1),
            lead(W + "(took place|was held|were held|this year's|last week|last weekend|earlier this (week|month)|kicked off|wrapped up|just returned|just got back|came back from)" + E, 1),
            lead(W + "(j'ai assisté|j'ai participé|nous avons participé|s'est déroulée?|a eu lieu|ont eu lieu|nous étions|j'étais|on était|j'ai pu|nous avons pu|la semaine dernière|d'être présent)" + E, 1.5),
            lead(W + "(ich war|wir waren|fand .{0,40}statt|habe ich|haben wir|(habe|haben|hatte) .{0,40}besucht|teilgenommen|letzte woche|war ich)" + E, 1.5));

    private static final List<Signal> AGAINST = List.of(
            against(W + "(call for (papers|proposals|speakers|participation)|cfp|cfps|submit your (talk|proposal)|submissions? (are|is) open|appel à (conférenciers|orateurs|propositions|communications)|aufruf zur einreichung)" + E, "call-for-papers", 3),
            against(W + "(we'?re hiring|we are hiring|job opening|job offer|open positions?|join our team|nous recrutons|offre d'emploi|wir suchen|stellenangebot)" + E, "job-post", 3),
            against(W + "(how to|tutorial|step[- ]by[- ]step|getting started|installing|guide to|tl;dr; this is a tutorial|tutoriel|anleitung)" + E, "tutorial", 2),
            against(W + "(i'll be|i will be|we'll be|we will be|i'm going to|is going to be there|are going to be there|will be there|will be speaking|will be attending|i'll be attending|will take place|is happening|will present|excited to speak|looking forward to (it|meeting|seeing|the)|look forward to see|you can find me|see you (at|in|there)|join us|come (and )?(see|visit|meet) us|upcoming|next week|next month|later this year|is this week|save the date|register now|get your tickets?|early[- ]bird (tickets?|pricing|price|registration|discount|rate)|je serai|nous serons|rejoignez-nous|à venir|aura lieu|se tiendra|auront lieu|ich werde|wir werden|kommt vorbei|besucht uns|besuchen sie uns|findet ihr uns|findet .{0,40}statt|freue mich auf|freuen uns auf|anmeldung)" + E, "future-tense", 2),
            against(W + "(monthly update|weekly update|newsletter|this week in|round-?up|digest|videos? (are |is )?(now )?available|recordings? (are |is )?(now )?available|now available|interview|entretien|interviewt?)" + E, "not-a-report-kind", 2));

    /** Titles that announce a presence to come: "Going to FOSDEM", "Find us at SCaLE 15x", "Flux at KubeCon EU 2022". */
    private static final List<Signal> TITLE_AGAINST = List.of(
            against("^\\s*(going to|heading to|on (my|our) way to|off to|find us at|meet us at|visit us at|catch (me|us) at|see you at|speaking at)" + E, "announces-presence", 3),
            against("^\\s*[^\\s:]+(\\s+[^\\s:]+)?\\s+(at|auf der|auf dem|au|à la|à)\\s", "announces-presence", 1.5));

    static List<Evidence> inTitle(String rawTitle) {
        return inTitle(rawTitle, true);
    }

    static List<Evidence> inLead(String rawLead) {
        return inLead(rawLead, true);
    }

    /** @param skipping whether to try the patterns only where they can start (false: a plain search, for tests) */
    static List<Evidence> inTitle(String rawTitle, boolean skipping) {
        String title = lower(rawTitle);
        List<Evidence> found = new ArrayList<>();
        collect(title, TITLE, found, 1, skipping);
        collect(title, AGAINST, found, 1, skipping);
        if (found.stream().noneMatch(e -> e.weight() > 0)) {
            collect(title, TITLE_AGAINST, found, 1, skipping);
        }
        return found;
    }

    static List<Evidence> inLead(String rawLead, boolean skipping) {
        String lead = lower(rawLead);
        List<Evidence> found = new ArrayList<>();
        collect(lead, LEAD, found, 2, skipping);
        collect(lead, AGAINST, found, 2, skipping);
        return found;
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static void collect(String text, List<Signal> signals, List<Evidence> found, int maxPerSignal, boolean skipping) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (Signal s : signals) {
            Matcher m = s.pattern().matcher(text);
            int hits = 0;
            if (!skipping || s.starts() == null) {
                while (hits < maxPerSignal && m.find()) {
                    found.add(new Evidence(s.rule(), m.group(), s.weight()));
                    hits++;
                }
                continue;
            }
            // Java's regex engine tries every alternative at every position; these patterns can only match where a
            // word starts with one of a few letters, so only those positions are tried. Same matches as find().
            m.useTransparentBounds(true).useAnchoringBounds(false);
            int n = text.length();
            for (int i = 0; i < n && hits < maxPerSignal; i++) {
                if (s.starts().indexOf(text.charAt(i)) < 0 || (i > 0 && Character.isLetter(text.charAt(i - 1)))) {
                    continue;
                }
                m.region(i, n);
                if (m.lookingAt()) {
                    found.add(new Evidence(s.rule(), m.group(), s.weight()));
                    hits++;
                    i = Math.max(i, m.end() - 1);
                }
            }
        }
    }
}
