package dev.hallway.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small RSS 2.0 documents written in a test, the way WordPress writes them. */
public final class Rss {

    private final String title;
    private final List<String> items = new ArrayList<>();
    private String site = "https://blog.example/";
    private String channelXml = "";

    private Rss(String title) {
        this.title = title;
    }

    public static Rss feed(String title) {
        return new Rss(title);
    }

    /** The channel's {@code link}: the site the feed belongs to. */
    public Rss site(String url) {
        this.site = url;
        return this;
    }

    /** Extra channel elements, written as given (ttl, sy:updatePeriod; the sy: prefix is declared). */
    public Rss channel(String xml) {
        this.channelXml += xml;
        return this;
    }

    public Rss item(String title, String link, String pubDate, String html) {
        items.add("<item><title>" + escape(title) + "</title><link>" + escape(link) + "</link>"
                + "<pubDate>" + pubDate + "</pubDate><dc:creator><![CDATA[Ada]]></dc:creator>"
                + "<content:encoded><![CDATA[" + html + "]]></content:encoded></item>");
        return this;
    }

    public byte[] bytes() {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
                + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                + "xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\">"
                + "<channel><title>" + escape(title) + "</title><link>" + escape(site) + "</link><description>d</description>"
                + channelXml + String.join("", items) + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
