package dev.hallway.subscribe;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.hallway.support.FeedServer;
import dev.hallway.support.Fixtures;
import dev.hallway.support.HallwayProcess;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person subscribing: headless Chromium (Debian's chromium and chromium-driver) submits the form on / of the
 * packaged service, and follows the link of the confirmation email that GreenMail received.
 */
public class SubscribeFormBrowserIT {

    @Test
    void subscribeOnTheHomePageAndFollowTheConfirmationLink() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "browser-");
        int smtpPort = dev.hallway.support.HallwayProcess.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        WebDriver browser = null;
        try (FeedServer feeds = FeedServer.start()) {
            feeds.route("/wp.rss", FeedServer.Reply.ok(Fixtures.bytes("seeds/adventures-in-oss.rss"), Fixtures.RSS));
            Files.writeString(dir.resolve("feeds.yaml"), "feeds:\n  - url: " + feeds.url("/wp.rss") + "\n");
            int port = dev.hallway.support.HallwayProcess.freePort();
            String base = "http://127.0.0.1:" + port;
            Map<String, String> settings = dev.hallway.support.TestDatabase.forProcess("browser", false);
            settings.putAll(Map.of("quarkus.http.port", Integer.toString(port), "hallway.base-url", base,
                    "quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(smtpPort),
                    "quarkus.mailer.start-tls", "DISABLED", "hallway.mail.enabled", "true"));
            try (HallwayProcess hallway = HallwayProcess.start(dir, settings)
                    .awaitReady(Duration.ofSeconds(60))) {
                hallway.postAdmin("/admin/poll");
                browser = chromium();
                browser.get(base + "/");
                assertTrue(browser.getTitle().contains("conference reports"), browser.getTitle());
                browser.findElement(By.id("email")).sendKeys("browser.user@example.org");
                clickAndWaitForNextPage(browser, browser.findElement(By.cssSelector("#subscribe button[type=submit]")));
                assertEquals("Check your inbox", browser.findElement(By.tagName("h1")).getText());

                assertTrue(smtp.waitForIncomingEmail(10_000, 1), "a confirmation email arrived");
                String body = GreenMailUtil.getBody(smtp.getReceivedMessages()[0]).replace("=\r\n", "").replace("=3D", "=");
                Matcher link = Pattern.compile(Pattern.quote(base) + "/subscriptions/confirm\\?token=[A-Za-z0-9_-]+").matcher(body);
                assertTrue(link.find(), body);
                browser.get(link.group());
                assertEquals("Confirm your subscription", browser.findElement(By.tagName("h1")).getText());
                clickAndWaitForNextPage(browser, browser.findElement(By.cssSelector("form button[type=submit]")));
                assertEquals("You are subscribed", browser.findElement(By.tagName("h1")).getText());
            }
        } finally {
            if (browser != null) {
                browser.quit();
            }
            smtp.stop();
        }
    }

    /** Headless Chromium from Debian's chromium and chromium-driver (ConferencePagesBrowserIT uses it too). */
    public static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * Clicks what submits a form or follows a link, and waits until the browser has left the page: a click returns
     * once the event is dispatched, and looking for the next page's elements before it has loaded finds the old page
     * (or nothing, on a loaded machine).
     */
    public static void clickAndWaitForNextPage(WebDriver browser, WebElement element) {
        WebElement page = browser.findElement(org.openqa.selenium.By.tagName("html"));
        element.click();
        org.openqa.selenium.support.ui.WebDriverWait wait =
                new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30));
        wait.until(d -> {
            try {
                page.isEnabled();
                return false; // still the old page
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true; // stale, or (chromedriver) "node does not belong to the document"
            }
        });
        wait.until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }
}
