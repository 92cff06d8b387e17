package dev.hallway.conference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hallway.source.FeedsFileSection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * feeds.yaml's {@code conferences:} part: additions to the catalogue need a slug and a name; an entry whose slug is
 * built in overrides it field by field. Checked when the file is read, so a bad entry refuses the whole file.
 */
@ApplicationScoped
public class CatalogueSection implements FeedsFileSection {

    private static final TypeReference<List<ConferenceSeries>> LIST = new TypeReference<>() {
    };

    private volatile Set<String> builtInSlugs;

    @Override
    public void check(JsonNode section) throws Problem, JsonMappingException {
        List<ConferenceSeries> conferences = read(section);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < conferences.size(); i++) {
            String pointer = "/" + i;
            ConferenceSeries c = conferences.get(i);
            if (c == null || c.slug() == null || !c.slug().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new Problem(pointer, "conference needs a slug of lower-case letters, digits and dashes (like fosdem or open-source-summit-europe)");
            }
            if (seen.putIfAbsent(c.slug(), i) != null) {
                throw new Problem(pointer + "/slug", "conference " + c.slug() + " is listed twice");
            }
            if (!builtInSlugs().contains(c.slug()) && (c.name() == null || c.name().isBlank())) {
                throw new Problem(pointer, "conference " + c.slug() + " is not in the built-in catalogue, so it needs a name");
            }
            if (!List.of("year", "ordinal", "city-year").contains(c.editions())) {
                throw new Problem(pointer + "/editions", "editions must be year, ordinal or city-year");
            }
            if (c.editions().equals("ordinal") && (c.ordinal() == null || c.ordinal().format() == null
                    || !c.ordinal().format().contains("{n}"))) {
                throw new Problem(pointer, "an ordinal conference needs ordinal: {format: \"{n}x\", first-year: 2002}");
            }
            if (c.month().stream().anyMatch(m -> m == null || m < 1 || m > 12)) {
                throw new Problem(pointer + "/month", "month must be 1 to 12");
            }
        }
    }

    /** The part as series (empty when the file has none); binding errors carry their path inside the part. */
    static List<ConferenceSeries> read(JsonNode section) throws JsonMappingException {
        if (section == null || section.isNull()) {
            return List.of();
        }
        try {
            List<ConferenceSeries> list = Catalogue.YAML.readerFor(LIST).readValue(section);
            return list == null ? List.of() : list;
        } catch (JsonMappingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw JsonMappingException.fromUnexpectedIOE(e);
        }
    }

    private Set<String> builtInSlugs() {
        if (builtInSlugs == null) {
            builtInSlugs = Catalogue.builtIn().stream().map(ConferenceSeries::slug).collect(Collectors.toUnmodifiableSet());
        }
        return builtInSlugs;
    }
}
