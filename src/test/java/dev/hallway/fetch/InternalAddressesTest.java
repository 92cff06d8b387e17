package dev.hallway.fetch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which addresses count as internal (IP literals only: nothing is looked up). */
class InternalAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "10.0.0.5", "10.255.255.255", "172.16.0.1", "172.31.255.254",
            "192.168.1.1", "169.254.169.254", "169.254.0.1", "fe80::1", "fc00::1", "fd00:ec2::254", "fdff:ffff::1",
            "0.0.0.0", "0.1.2.3", "::", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1"})
    void loopbackPrivateLinkLocalMetadataAndUnspecifiedAreInternal(String literal) throws Exception {
        assertTrue(InternalAddresses.isInternal(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "192.169.0.1",
            "169.253.1.1", "11.0.0.1", "2001:4860:4860::8888", "2606:4700::1111", "fe00::1", "::ffff:8.8.8.8"})
    void publicAddressesAreNot(String literal) throws Exception {
        assertFalse(InternalAddresses.isInternal(InetAddress.getByName(literal)), literal);
    }
}
