package dev.hallway.admin;

import dev.hallway.support.FeedServer;
import dev.hallway.support.Fixtures;
import dev.hallway.support.HallwayProcess;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.hallway.subscribe.SubscribeFormBrowserIT.chromium;
import static dev.hallway.subscribe.SubscribeFormBrowserIT.clickAndWaitForNextPage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator on the admin page of the packaged service, in headless Chromium (Debian's chromium and chromium-driver)
 * on http://localhost, which browsers treat as a secure context, so the Secure session cookie is kept: signs in,
 * polls a feed, pins a post, deletes a subscriber, signs out. No JavaScript is involved (the page has none).
 */
class AdminPageBrowserIT {

    @Test
    void signInPollPinDeleteAndSignOut() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "admin-browser-");
        WebDriver browser = null;
        try (FeedServer feeds = FeedServer.start()) {
            feeds.route("/wp.rss", FeedServer.Reply.ok(Fixtures.bytes("seeds/adventures-in-oss.rss"), Fixtures.RSS));
            Files.writeString(dir.resolve("feeds.yaml"), "feeds:\n  - url: " + feeds.url("/wp.rss") + "\n    name: Adventures\n");
            int port = dev.hallway.support.HallwayProcess.freePort();
            String base = "http://localhost:" + port;
            Map<String, String> settings = dev.hallway.support.TestDatabase.forProcess("admin-browser", false);
            settings.putAll(Map.of("quarkus.http.port", Integer.toString(port), "hallway.base-url", base,
                    "hallway.poll.enabled", "false"));
            try (HallwayProcess hallway = HallwayProcess.start(dir, settings).awaitReady(Duration.ofSeconds(60))) {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> subscribed = http.send(HttpRequest.newBuilder(URI.create(base + "/subscriptions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"leaving.reader@example.org\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(202, subscribed.statusCode(), subscribed.body());

                browser = chromium();
                browser.get(base + "/admin");
                assertEquals("Hallway admin", browser.findElement(By.tagName("h1")).getText());
                browser.findElement(By.id("token")).sendKeys("not-the-token");
                clickAndWaitForNextPage(browser, browser.findElement(By.cssSelector("form button[type=submit]")));
                assertTrue(browser.findElement(By.id("flash")).getText().contains("Wrong admin token"));
                browser.findElement(By.id("token")).sendKeys(HallwayProcess.ADMIN_TOKEN);
                clickAndWaitForNextPage(browser, browser.findElement(By.cssSelector("form button[type=submit]")));
                assertNotNull(browser.findElement(By.id("sign-out")), "signed in");

                Cookie session = browser.manage().getCookieNamed(AdminSessions.COOKIE);
                assertNotNull(session, "Chromium kept the Secure cookie on http://localhost");
                assertTrue(session.isSecure());
                assertTrue(session.isHttpOnly());
                assertEquals("Strict", session.getSameSite());
                assertEquals("/admin", session.getPath());

                // Poll now: the feed is polled and the page says what happened
                WebElement feed = browser.findElement(By.cssSelector("#feeds tbody tr"));
                assertEquals("new", feed.findElement(By.className("status")).getText());
                clickAndWaitForNextPage(browser, feed.findElement(By.cssSelector("button[name=poll]")));
                String polled = browser.findElement(By.id("flash")).getText();
                assertTrue(polled.startsWith("Polled Adventures: ok, HTTP 200"), polled);
                assertTrue(browser.findElement(By.cssSelector("#feeds tbody tr .status")).getText().startsWith("ok"));

                // Pin to…: the first post listed (the least confident decision) becomes FOSDEM 2019
                WebElement row = browser.findElement(By.cssSelector("#classifications tbody tr"));
                String entryId = row.getAttribute("id").substring("entry-".length());
                WebElement series = row.findElement(By.name("series"));
                series.clear();
                series.sendKeys("fosdem");
                WebElement edition = row.findElement(By.name("edition"));
                edition.clear();
                edition.sendKeys("2019");
                clickAndWaitForNextPage(browser, row.findElement(By.cssSelector("button[name=pin]")));
                assertTrue(browser.findElement(By.id("flash")).getText().contains("pinned to FOSDEM 2019"),
                        browser.findElement(By.id("flash")).getText());
                HttpResponse<String> entry = http.send(HttpRequest.newBuilder(URI.create(base + "/entries/" + entryId)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(entry.body().contains("\"slug\":\"fosdem-2019\"") && entry.body().contains("\"pinned\":true"), entry.body());
                WebElement pinned = browser.findElement(By.id("entry-" + entryId));
                assertTrue(pinned.findElement(By.className("decision")).getText().contains("FOSDEM 2019"));

                saveScreenshot(browser, "admin-page.png");

                // search a subscriber by part of the address and delete them
                browser.findElement(By.id("q")).sendKeys("leaving.READER");
                clickAndWaitForNextPage(browser, browser.findElement(By.id("search")));
                WebElement found = browser.findElement(By.cssSelector("#subscribers tbody tr"));
                assertTrue(found.getText().contains("leaving.reader@example.org"), found.getText());
                clickAndWaitForNextPage(browser, found.findElement(By.cssSelector("button[name=delete]")));
                assertEquals("Deleted leaving.reader@example.org and their messages.", browser.findElement(By.id("flash")).getText());
                assertTrue(browser.findElement(By.cssSelector("#subscribers")).getText().contains("No subscriber's address contains"));
                assertTrue(browser.findElement(By.cssSelector(".count-pending")).getText().equals("pending: 0"));

                // sign out: the cookie is gone and the page asks for the token again
                clickAndWaitForNextPage(browser, browser.findElement(By.id("sign-out")));
                assertNotNull(browser.findElement(By.id("token")));
                assertEquals(null, browser.manage().getCookieNamed(AdminSessions.COOKIE));
                browser.get(base + "/admin");
                assertFalse(browser.getPageSource().contains("Poll now"));
            }
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    /** What the page looked like, under target/, for whoever reads a failure. */
    private static void saveScreenshot(WebDriver browser, String name) throws java.io.IOException {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 2400));
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        Files.write(Path.of("target", name), png);
    }
}
