package dev.hallway.publish;

import dev.hallway.subscribe.SubscribeFormBrowserIT;
import dev.hallway.support.FeedServer;
import dev.hallway.support.HallwayProcess;
import dev.hallway.support.Seed;
import dev.hallway.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader finding their way: headless Chromium opens the conferences index and a series page of the packaged
 * service at desktop (1280×900) and phone (390×844) widths, follows the header's link, and checks that nothing
 * overflows sideways and that the chart shows. Screenshots go to target/screenshots/ for a person to look at.
 */
class ConferencePagesBrowserIT {

    private static final List<Dimension> WIDTHS = List.of(new Dimension(1280, 900), new Dimension(390, 844));

    @Test
    void theConferencesIndexAndASeriesPageFitDesktopAndPhoneWidths() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "browser-");
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        WebDriver browser = null;
        try (FeedServer feeds = FeedServer.start()) {
            List<String> urls = Seed.serve(feeds, "/", Seed.BLOGS);
            Files.writeString(dir.resolve("feeds.yaml"), "feeds:\n"
                    + urls.stream().map(u -> "  - url: " + u + "\n").collect(Collectors.joining()));
            int port = dev.hallway.support.HallwayProcess.freePort();
            String base = "http://127.0.0.1:" + port;
            Map<String, String> settings = TestDatabase.forProcess("conference-pages-browser", false);
            settings.putAll(Map.of("quarkus.http.port", Integer.toString(port), "hallway.base-url", base));
            try (HallwayProcess hallway = HallwayProcess.start(dir, settings).awaitReady(Duration.ofSeconds(60))) {
                hallway.postAdmin("/admin/poll");
                browser = SubscribeFormBrowserIT.chromium();
                for (Dimension size : WIDTHS) {
                    browser.manage().window().setSize(size);
                    browser.get(base + "/");
                    SubscribeFormBrowserIT.clickAndWaitForNextPage(browser, browser.findElement(By.cssSelector("header nav a[href='/conferences']")));
                    assertEquals("Conferences", browser.findElement(By.tagName("h1")).getText());
                    List<String> series = browser.findElements(By.cssSelector("main section.series h2 > a")).stream()
                            .map(WebElement::getText).toList();
                    assertEquals(List.of("dotScale", "FOSDEM", "FOSS Backstage", "Open Source Founders Summit",
                            "Percona Live", "SCaLE"), series, "series A to Z");
                    assertFitsTheWidth(browser, "index at " + size);
                    screenshot(browser, screenshots.resolve("conferences-" + size.width + ".png"));

                    SubscribeFormBrowserIT.clickAndWaitForNextPage(browser, browser.findElement(By.cssSelector("#series-fosdem a")));
                    assertEquals("FOSDEM", browser.findElement(By.tagName("h1")).getText());
                    WebElement chart = browser.findElement(By.cssSelector("figure.chart svg"));
                    assertTrue(chart.isDisplayed(), "the chart shows");
                    assertTrue(chart.getSize().width >= 150 && chart.getSize().height >= 60,
                            "the chart has a readable size: " + chart.getSize());
                    assertTrue(chart.getRect().x + chart.getSize().width <= innerWidth(browser), "the chart fits");
                    List<WebElement> bars = chart.findElements(By.cssSelector("a.bar rect"));
                    assertEquals(3, bars.size());
                    for (WebElement bar : bars) {
                        assertTrue(bar.getSize().height > 0 && bar.getSize().width > 0, "a visible bar: " + bar.getSize());
                    }
                    assertFitsTheWidth(browser, "series page at " + size);
                    screenshot(browser, screenshots.resolve("conference-fosdem-" + size.width + ".png"));
                }
            }
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    private static long innerWidth(WebDriver browser) {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth")).longValue();
    }

    private static void assertFitsTheWidth(WebDriver browser, String what) {
        long scrollWidth = ((Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth")).longValue();
        long innerWidth = innerWidth(browser);
        assertTrue(scrollWidth <= innerWidth, what + ": no horizontal overflow (" + scrollWidth + " > " + innerWidth + ")");
    }

    private static void screenshot(WebDriver browser, Path to) throws Exception {
        // the whole page's height, so the screenshot shows everything at this width
        long height = ((Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight")).longValue();
        Dimension window = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(window.width, (int) Math.min(height + 140, 4000)));
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(window);
    }
}
