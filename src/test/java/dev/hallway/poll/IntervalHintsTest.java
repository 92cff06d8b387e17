package dev.hallway.poll;

import dev.hallway.parse.PublisherHints;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntervalHintsTest {

    private static final Duration DAY = Duration.ofHours(24);

    private static IntervalHints.Chosen choose(String cacheControl, String ttl, String period, String frequency) {
        return IntervalHints.choose(cacheControl, new PublisherHints(ttl, period, frequency), DAY);
    }

    @Test
    void cacheControlMaxAgeIsInSeconds() {
        IntervalHints.Chosen c = choose("public, max-age=7200, must-revalidate", null, null, null);
        assertEquals("cache-control", c.from());
        assertEquals(7200L, c.seconds());
        assertNull(c.note());
        assertEquals(7200L, choose("max-age=\"7200\"", null, null, null).seconds(), "quoted");
        assertEquals(600L, choose("s-maxage=86400, MAX-AGE=600", null, null, null).seconds(), "s-maxage is for shared caches");
        assertSame(IntervalHints.Chosen.NONE, choose("no-cache", null, null, null));
        assertSame(IntervalHints.Chosen.NONE, IntervalHints.choose(null, null, DAY));
    }

    @Test
    void ttlIsInMinutesAndSyIsAPeriodDividedByAFrequency() {
        assertEquals(5400L, choose(null, "90", null, null).seconds());
        assertEquals("ttl", choose(null, "90", null, null).from());
        assertEquals(1800L, choose(null, null, "hourly", "2").seconds());
        assertEquals(86_400L, choose(null, null, "daily", null).seconds(), "frequency 1 by default");
        assertEquals(86_400L, choose(null, null, null, "1").seconds(), "period daily by default");
        assertEquals("sy:updatePeriod", choose(null, null, "daily", null).from());
    }

    @Test
    void theLongestHintAppliesCappedAtADay() {
        IntervalHints.Chosen c = choose("max-age=300", "30", "hourly", "1");
        assertEquals("sy:updatePeriod", c.from());
        assertEquals(3600L, c.seconds());
        IntervalHints.Chosen weekly = choose(null, null, "weekly", null);
        assertEquals(86_400L, weekly.seconds());
        assertEquals("sy:updatePeriod asks for 604800 s: capped at 86400 s", weekly.note());
        assertEquals(Duration.ofHours(24), weekly.effective(1800));
        assertEquals(Duration.ofHours(2), choose("max-age=60", null, null, null).effective(7200), "configured is longer");
    }

    @Test
    void nonsenseIsIgnoredWithTheReason() {
        IntervalHints.Chosen c = choose("max-age=-5", "soon", "fortnightly", null);
        assertNull(c.from());
        assertNull(c.seconds());
        assertEquals("ignored Cache-Control max-age \"-5\": negative; ignored ttl \"soon\": not a whole number of minutes; "
                + "ignored sy:updatePeriod \"fortnightly\": not hourly, daily, weekly, monthly or yearly", c.note());
        assertEquals(Duration.ofMinutes(30), c.effective(1800));
        assertTrue(choose("max-age=99999999999999999999999", null, null, null).note().endsWith("more than a year"));
        assertTrue(choose(null, "9000000", null, null).note().endsWith("more than a year"), "9 million minutes");
        assertEquals("ignored sy:updateFrequency \"0\": zero times per period", choose(null, null, "hourly", "0").note());
        assertEquals("ignored sy:updateFrequency \"often\": not a whole number of times per period",
                choose(null, null, "hourly", "often").note());
        // one bad hint does not hide a good one
        IntervalHints.Chosen mixed = choose("max-age=abc", "120", null, null);
        assertEquals("ttl", mixed.from());
        assertEquals(7200L, mixed.seconds());
        assertEquals("ignored Cache-Control max-age \"abc\": not a whole number of seconds", mixed.note());
    }
}
