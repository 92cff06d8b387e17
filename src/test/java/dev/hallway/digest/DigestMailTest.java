package dev.hallway.digest;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DigestMailTest {

    private static final String SLOT = DigestMail.UNSUBSCRIBE_SLOT;

    @Test
    void theSubscribersLinkGoesWhereTheTemplateWroteItEscapedForHtml() {
        DigestMail mail = DigestMail.split("Hallway — 1 report", "<p>Café</p><a href=\"" + SLOT + "\">Unsubscribe</a>\n",
                "Café\nUnsubscribe: " + SLOT + "\n");
        String url = "https://hallway.example/unsubscribe?token=7.abc&x=1";
        // the link on a line of its own (the break where a space was), whatever its length
        assertEquals("<p>Caf&#233;</p><a\nhref=\"https://hallway.example/unsubscribe?token=7.abc&amp;x=1\">Unsubscribe</a>\n",
                mail.html(url));
        assertEquals(url, Jsoup.parse(mail.html(url)).select("a").attr("href"));
        assertEquals("Café\nUnsubscribe: " + url + "\n", mail.text(url));
    }

    @Test
    void aReportThatQuotesThePlaceholderKeepsItsTextAndOnlyTheFooterGetsTheLink() {
        DigestMail mail = DigestMail.split("s", "<p>" + SLOT + "</p><a href=\"" + SLOT + "\">x</a>",
                "* " + SLOT + "\nUnsubscribe: " + SLOT + "\n");
        assertEquals("<p>" + SLOT + "</p><a\nhref=\"u\">x</a>", mail.html("u"));
        assertEquals("* " + SLOT + "\nUnsubscribe: u\n", mail.text("u"));
    }

    @Test
    void aTemplateWithoutTheLinkIsAnError() {
        assertThrows(IllegalStateException.class, () -> DigestMail.split("s", "<p>no link</p>", "x " + SLOT));
        assertEquals("u", DigestMail.split("s", SLOT, SLOT).html("u"));
    }
}
