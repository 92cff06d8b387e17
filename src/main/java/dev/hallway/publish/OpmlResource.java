package dev.hallway.publish;

import dev.hallway.common.HttpUrls;
import dev.hallway.source.Source;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** GET /sources.opml: the followed blogs as OPML 2.0, for importing into a feed reader. */
@Path("/sources.opml")
public class OpmlResource {

    @GET
    @Produces("text/x-opml; charset=utf-8")
    @Transactional
    public Response opml() {
        Element body = new Element("body");
        for (Source source : Source.<Source>list("active = true order by id")) {
            Element outline = new Element("outline")
                    .setAttribute("type", "rss")
                    .setAttribute("text", source.displayName())
                    .setAttribute("title", source.displayName())
                    .setAttribute("xmlUrl", source.url);
            if (HttpUrls.isHttp(source.siteUrl)) {
                outline.setAttribute("htmlUrl", HttpUrls.httpOrNull(source.siteUrl));
            }
            if (!source.tags.isEmpty()) {
                outline.setAttribute("category", String.join(",", source.tags));
            }
            body.addContent(outline);
        }
        Element head = new Element("head")
                .addContent(new Element("title").setText("Hallway: followed blogs"))
                .addContent(new Element("dateCreated").setText(
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))));
        Element opml = new Element("opml").setAttribute("version", "2.0").addContent(List.of(head, body));
        String xml = new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).outputString(new Document(opml));
        return Response.ok(xml).header("Content-Disposition", "inline; filename=\"hallway-sources.opml\"").build();
    }
}
