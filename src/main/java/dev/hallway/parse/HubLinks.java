package dev.hallway.parse;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The WebSub links a feed carries: {@code <link rel="hub">} and {@code <link rel="self">} of an Atom feed, or the
 * {@code atom:link} elements inside an RSS channel (WordPress, Blogger, Medium, Hugo themes). Relative hrefs are
 * resolved against the feed's URL; anything but http(s) is dropped.
 */
final class HubLinks {

    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");
    private static final Namespace ATOM_03 = Namespace.getNamespace("http://purl.org/atom/ns#");

    record Found(List<String> hubs, String self) {
    }

    private HubLinks() {
    }

    static Found of(Document document, String feedUrl) {
        Element root = document.getRootElement();
        Element container = root;
        if (!isAtom(root.getNamespace())) {
            Element channel = root.getChild("channel", root.getNamespace());
            if (channel == null) {
                channel = root.getChild("channel");
            }
            container = channel == null ? root : channel;
        }
        List<String> hubs = new ArrayList<>();
        String self = null;
        for (Element child : container.getChildren()) {
            if (!"link".equals(child.getName()) || !isAtom(child.getNamespace())) {
                continue;
            }
            String href = absolute(feedUrl, child.getAttributeValue("href"));
            if (href == null) {
                continue;
            }
            String rel = child.getAttributeValue("rel");
            if ("hub".equals(rel) && !hubs.contains(href)) {
                hubs.add(href);
            } else if ("self".equals(rel) && self == null) {
                self = href;
            }
        }
        return new Found(List.copyOf(hubs), self);
    }

    private static boolean isAtom(Namespace ns) {
        return ns.equals(ATOM) || ns.equals(ATOM_03);
    }

    private static String absolute(String base, String href) {
        if (href == null || href.isBlank()) {
            return null;
        }
        try {
            URI uri = base == null ? URI.create(href.strip()) : URI.create(base).resolve(href.strip());
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
