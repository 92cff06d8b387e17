package dev.hallway.fetch;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The redirect decision with a made-up DNS: which host names resolve where is up to the test. */
class RedirectGuardTest {

    private static final Map<String, String[]> DNS = Map.of(
            "blog.example", new String[]{"93.184.216.34"},
            "cdn.example", new String[]{"151.101.1.1", "2a04:4e42::1"},
            "sneaky.example", new String[]{"151.101.1.2", "10.0.0.7"},
            "metadata.example", new String[]{"169.254.169.254"},
            "intranet.corp", new String[]{"10.1.2.3"},
            "wiki.corp", new String[]{"10.1.2.4"});

    private final RedirectGuard guard = new RedirectGuard(RedirectGuardTest::resolve);

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] literals = DNS.get(host);
        if (literals == null) {
            return new InetAddress[]{InetAddress.getByName(host)}; // IP literals only: anything else is unknown
        }
        InetAddress[] addresses = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            addresses[i] = InetAddress.getByName(literals[i]);
        }
        return addresses;
    }

    @Test
    void aPublicFeedCannotRedirectToAnInternalAddress() {
        URI feed = URI.create("https://blog.example/feed.xml");
        for (String target : new String[]{"http://127.0.0.1:8080/admin", "http://[::1]/", "http://10.0.0.1/", "http://192.168.0.1/",
                "http://169.254.169.254/latest/meta-data/", "http://metadata.example/", "http://intranet.corp/feed",
                "http://sneaky.example/feed", "http://[fd00::1]/", "http://0.0.0.0:8080/", "http://[::ffff:127.0.0.1]/"}) {
            FetchException e = assertThrows(FetchException.class, () -> guard.check(feed, URI.create(target)), target);
            assertTrue(e.getMessage().startsWith("redirect to an internal address refused"), e.getMessage());
        }
    }

    @Test
    void aPublicFeedCanRedirectToAPublicAddress() {
        assertDoesNotThrow(() -> guard.check(URI.create("https://blog.example/feed"), URI.create("https://cdn.example/feed")));
        assertDoesNotThrow(() -> guard.check(URI.create("https://blog.example/feed"), URI.create("https://8.8.8.8/feed")));
    }

    @Test
    void aFeedConfiguredOnAnInternalAddressMayRedirectToAnother() {
        assertDoesNotThrow(() -> guard.check(URI.create("http://intranet.corp/feed"), URI.create("http://wiki.corp/feed")));
        assertDoesNotThrow(() -> guard.check(URI.create("http://127.0.0.1:9000/feed"), URI.create("http://127.0.0.1:9000/moved")));
        assertDoesNotThrow(() -> guard.check(URI.create("http://[::1]:9000/feed"), URI.create("http://10.0.0.1/moved")));
    }

    @Test
    void anUnknownTargetHostIsLeftToTheFetchToReport() {
        assertDoesNotThrow(() -> guard.check(URI.create("https://blog.example/feed"), URI.create("https://nowhere.invalid/feed")));
    }
}
