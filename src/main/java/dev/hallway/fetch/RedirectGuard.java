package dev.hallway.fetch;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Refuses a redirect to an internal address ({@link InternalAddresses}) unless the feed's own URL is on one: a public
 * blog must not make us fetch, and show back through /sources, what answers on loopback, the private network or the
 * cloud metadata service; an operator who follows an intranet blog chose to reach those addresses.
 * <p>
 * The target's host is resolved here and again by the HTTP client when it connects: a DNS server that answers
 * differently the second time (rebinding) is not caught.
 */
@ApplicationScoped
public class RedirectGuard {

    /** Host name to addresses; DNS normally, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;

    public RedirectGuard() {
        this(InetAddress::getAllByName);
    }

    /** For tests: a guard that resolves host names with {@code resolver}. */
    public RedirectGuard(Resolver resolver) {
        this.resolver = resolver;
    }

    /** @throws FetchException when {@code target} is on an internal address and {@code feed} is not */
    public void check(URI feed, URI target) throws FetchException {
        check(feed, target, "redirect");
    }

    /** The same for a page the feed links to (a post fetched for its full text). */
    public void checkLink(URI feed, URI target) throws FetchException {
        check(feed, target, "link");
    }

    private void check(URI feed, URI target, String what) throws FetchException {
        String internal = internalAddress(feed, target);
        if (internal != null) {
            throw new FetchException(what + " to an internal address refused: " + internal
                    + " (allowed only for feeds configured on such an address)");
        }
    }

    /**
     * The same rule for any request {@code origin} leads us to make (a hub a feed advertises, a callback a subscriber
     * gives our hub, whose origin is hallway.base-url): "host is address" when {@code target} is on an internal
     * address and {@code origin} is not, else null. A host that does not resolve is not internal (the request fails on
     * its own).
     */
    public String internalAddress(URI origin, URI target) {
        if (onInternalAddress(origin.getHost())) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(hostOf(target));
        } catch (UnknownHostException e) {
            return null;
        }
        for (InetAddress address : addresses) {
            if (InternalAddresses.isInternal(address)) {
                return target.getHost() + " is " + address.getHostAddress();
            }
        }
        return null;
    }

    private boolean onInternalAddress(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        try {
            for (InetAddress address : resolver.resolve(unbracket(host))) {
                if (InternalAddresses.isInternal(address)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    private static String hostOf(URI uri) throws UnknownHostException {
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new UnknownHostException("no host in " + uri);
        }
        return unbracket(uri.getHost());
    }

    /** URI gives IPv6 literals in brackets; InetAddress wants them bare. */
    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
