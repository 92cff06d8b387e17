package dev.hallway.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hallway.common.CanonicalUrl;
import dev.hallway.common.Causes;
import dev.hallway.common.Hashing;
import dev.hallway.source.FeedsConfig.FeedSpec;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and checks feeds.yaml. Every problem is reported with the file, line and column to fix,
 * and nothing partial is ever returned: a file is either entirely usable or refused.
 */
public final class FeedsFileLoader {

    private final YAMLFactory yaml = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final ObjectMapper mapper = new ObjectMapper(yaml)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    private final Duration fallbackInterval;
    private final FeedsFileSection conferences;

    /** @param conferences the owner's check of the {@code conferences:} part */
    public FeedsFileLoader(Duration fallbackInterval, FeedsFileSection conferences) {
        this.fallbackInterval = fallbackInterval;
        this.conferences = conferences;
    }

    public FeedsConfig load(Path file) {
        String name = file.toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new FeedsFileException(name, 0, 0, "file not found (absolute path " + file.toAbsolutePath()
                    + "); set hallway.feeds-file to the feeds file");
        } catch (CharacterCodingException e) {
            throw new FeedsFileException(name, 0, 0, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new FeedsFileException(name, 0, 0, "cannot read: " + e);
        }
        return parse(name, text);
    }

    public FeedsConfig parse(String name, String text) {
        if (text.isBlank()) {
            throw new FeedsFileException(name, 0, 0, "the file is empty; it needs at least a 'feeds:' list");
        }
        FeedsFile raw;
        YamlLocations locations;
        try {
            raw = mapper.readValue(text, FeedsFile.class);
            locations = YamlLocations.of(yaml, text);
        } catch (UnrecognizedPropertyException e) {
            String allowed = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw at(name, keyLocation(text, e.getPath(), e.getLocation()), "unknown key '" + e.getPropertyName() + "' in " + where(e.getPath().subList(0, e.getPath().size() - 1))
                    + " (allowed: " + allowed + ")");
        } catch (JsonMappingException e) {
            FeedsFileException syntax = syntaxError(name, e);
            if (syntax != null) {
                throw syntax;
            }
            throw at(name, e.getLocation(), "wrong type in " + where(e.getPath()) + ": " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            FeedsFileException syntax = syntaxError(name, e);
            throw syntax != null ? syntax : at(name, e.getLocation(), "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new FeedsFileException(name, 0, 0, "cannot read: " + e.getMessage());
        }
        if (raw == null) {
            throw new FeedsFileException(name, 0, 0, "the file is empty; it needs at least a 'feeds:' list");
        }
        return new Checker(name, locations).check(raw);
    }

    private final class Checker {
        private final String name;
        private final YamlLocations locations;

        Checker(String name, YamlLocations locations) {
            this.name = name;
            this.locations = locations;
        }

        FeedsConfig check(FeedsFile raw) {
            Duration defaultInterval = fallbackInterval;
            if (raw.defaults() != null && raw.defaults().interval() != null) {
                defaultInterval = interval(raw.defaults().interval(), "/defaults/interval");
            }
            List<FeedsFile.Feed> feeds = raw.feeds() == null ? List.of() : raw.feeds();
            List<FeedSpec> specs = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < feeds.size(); i++) {
                String pointer = "/feeds/" + i;
                FeedsFile.Feed feed = feeds.get(i);
                if (feed == null) {
                    throw error(pointer, "empty feed entry; each feed needs at least 'url:'");
                }
                String url = url(feed.url(), pointer + "/url");
                Integer firstIndex = seen.putIfAbsent(sameFeedKey(url), i);
                if (firstIndex != null) {
                    JsonLocation first = locations.at("/feeds/" + firstIndex + "/url");
                    throw error(pointer + "/url", "duplicate feed url " + url + " (already listed at line "
                            + (first == null ? "?" : first.getLineNr()) + ")");
                }
                Duration interval = feed.interval() == null ? defaultInterval : interval(feed.interval(), pointer + "/interval");
                specs.add(new FeedSpec(url, blankToNull(feed.name()), tags(feed.tags()), blankToNull(feed.conference()),
                        interval, feed.enabled() == null || feed.enabled(), feed.fulltext(), fingerprint(feed, interval)));
            }
            return new FeedsConfig(defaultInterval, List.copyOf(specs), conferences(raw.conferences()));
        }

        private JsonNode conferences(JsonNode section) {
            try {
                conferences.check(section);
            } catch (FeedsFileSection.Problem e) {
                throw error("/conferences" + e.pointer(), e.getMessage());
            } catch (UnrecognizedPropertyException e) {
                String allowed = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
                String pointer = "/conferences" + pointer(e.getPath());
                JsonLocation key = locations.keyAt(pointer);
                throw at(name, key != null ? key : locations.at(pointer.substring(0, pointer.lastIndexOf('/'))),
                        "unknown key '" + e.getPropertyName() + "' in 'conferences" + where(e.getPath().subList(0, e.getPath().size() - 1), true)
                                + "' (allowed: " + allowed + ")");
            } catch (JsonMappingException e) {
                throw error("/conferences" + pointer(e.getPath()), "wrong type in 'conferences" + where(e.getPath(), true) + "': "
                        + firstLine(e.getOriginalMessage()));
            }
            return section;
        }

        private String url(String value, String pointer) {
            if (value == null || value.isBlank()) {
                throw error(pointer, "feed has no url");
            }
            String url = value.trim();
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw error(pointer, "invalid url '" + url + "': " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw error(pointer, "url must start with http:// or https://, got '" + url + "'");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw error(pointer, "url has no host: '" + url + "'");
            }
            return url;
        }

        private Duration interval(String value, String pointer) {
            try {
                return Intervals.parse(value);
            } catch (IllegalArgumentException e) {
                throw error(pointer, e.getMessage());
            }
        }

        private FeedsFileException error(String pointer, String problem) {
            return at(name, locations.at(pointer), problem);
        }
    }

    /**
     * Two spellings of one feed URL are the same feed: the same key as posts get ({@link CanonicalUrl}: case of scheme
     * and host, http or https, {@code www.}, default port, trailing slash, fragment, tracking parameters).
     */
    static String sameFeedKey(String url) {
        String key = CanonicalUrl.of(url);
        return key != null ? key : url.trim();
    }

    private static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag != null && !tag.isBlank()) {
                clean.add(tag.trim());
            }
        }
        return List.copyOf(clean);
    }

    private static String fingerprint(FeedsFile.Feed feed, Duration interval) {
        String text = String.join("\u0000", String.valueOf(feed.url()).trim(), String.valueOf(feed.name()),
                String.valueOf(feed.tags()), String.valueOf(feed.conference()), interval.toString(), String.valueOf(feed.enabled()))
                + (feed.fulltext() == null ? "" : "\u0000fulltext=" + feed.fulltext()); // unchanged for files without it
        return Hashing.sha256Hex(text).substring(0, 32);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static FeedsFileException at(String name, JsonLocation location, String problem) {
        if (location == null || location.getLineNr() < 1) {
            return new FeedsFileException(name, 0, 0, problem);
        }
        return new FeedsFileException(name, location.getLineNr(), location.getColumnNr(), problem);
    }

    /** A YAML syntax error, with SnakeYAML's own words and the place of the problem; null if the error is not one. */
    private static FeedsFileException syntaxError(String name, Throwable e) {
        org.yaml.snakeyaml.error.MarkedYAMLException yamlError = Causes.find(e, org.yaml.snakeyaml.error.MarkedYAMLException.class);
        if (yamlError == null) {
            return null;
        }
        org.yaml.snakeyaml.error.Mark mark = yamlError.getProblemMark() != null
                ? yamlError.getProblemMark() : yamlError.getContextMark();
        String problem = (yamlError.getContext() == null ? "" : yamlError.getContext() + ": ")
                + (yamlError.getProblem() == null ? "" : yamlError.getProblem());
        return new FeedsFileException(name, mark == null ? 0 : mark.getLine() + 1,
                mark == null ? 0 : mark.getColumn() + 1, "not valid YAML: " + problem.strip());
    }

    /** Jackson reports an unknown key where it stopped reading; point at the key itself instead. */
    private JsonLocation keyLocation(String text, List<JsonMappingException.Reference> refs, JsonLocation fallback) {
        try {
            JsonLocation key = YamlLocations.of(yaml, text).keyAt(pointer(refs));
            return key != null ? key : fallback;
        } catch (IOException e) {
            return fallback;
        }
    }

    /** A JSON pointer ("/feeds/0/url") to where Jackson stopped. */
    private static String pointer(List<JsonMappingException.Reference> refs) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            pointer.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return pointer.toString();
    }

    private static String where(List<JsonMappingException.Reference> refs) {
        return where(refs, false);
    }

    /** A path such as 'feeds[0].url'; {@code inner}: the path continues one already written, so no quotes of its own. */
    private static String where(List<JsonMappingException.Reference> refs, boolean inner) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (inner) {
            return path.length() == 0 || path.charAt(0) == '[' ? path.toString() : "." + path;
        }
        return path.length() == 0 ? "the top level" : "'" + path + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        int cut = line.indexOf(" (for ");
        return cut > 0 ? line.substring(0, cut) : line;
    }
}
