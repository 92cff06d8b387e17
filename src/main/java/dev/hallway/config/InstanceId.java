package dev.hallway.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * Who this running instance is, as written in the lease columns of feeds and outbox messages (and in poll records):
 * pid@host plus a random suffix, so a restarted process with a recycled pid never mistakes an old lease for its own.
 */
@ApplicationScoped
public class InstanceId {

    private final String value = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
