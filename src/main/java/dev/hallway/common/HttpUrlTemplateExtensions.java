package dev.hallway.common;

import io.quarkus.qute.TemplateExtension;

/**
 * What the templates (pages and mail alike) put in an {@code href}: {@code {url:http(report.url)}} is the URL when it
 * is http(s), else null, so that {@code {#if}} leaves the link out. A URL that came from a feed is never emitted as is.
 */
@TemplateExtension(namespace = "url")
public final class HttpUrlTemplateExtensions {

    private HttpUrlTemplateExtensions() {
    }

    static String http(String url) {
        return HttpUrls.httpOrNull(url);
    }
}
