package dev.hallway.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses a feed must not be able to redirect us to: loopback (127/8, ::1), private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), link-local (169.254/16 — the cloud metadata service 169.254.169.254 among them — and
 * fe80::/10), unspecified (0.0.0.0/8, ::), and the same written as IPv4-mapped or IPv4-compatible IPv6.
 */
final class InternalAddresses {

    private InternalAddresses() {
    }

    static boolean isInternal(InetAddress address) {
        InetAddress a = embeddedIpv4(address);
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        byte first = a.getAddress()[0];
        if (a instanceof Inet4Address) {
            return first == 0; // 0.0.0.0/8, "this network"
        }
        return (first & 0xfe) == 0xfc; // fc00::/7, unique local (the JDK has no test for it)
    }

    /** ::ffff:10.0.0.1 and ::10.0.0.1 are 10.0.0.1 to the network stack. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= b[i] == 0;
            }
            boolean mapped = zeroPrefix && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && v6.isIPv4CompatibleAddress()
                    && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1)); // :: and ::1 stay IPv6
            if (mapped || compatible) {
                try {
                    return InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException impossible) {
                    return address;
                }
            }
        }
        return address;
    }
}
