package dev.hallway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * One service for the tests of what can go wrong or be abused around mail and admin (so they share one start):
 * its own database, few attempts, small rate limits, and X-Forwarded-For honoured so a test can pose as many
 * clients. Use with {@link ScriptedSmtpResource}.
 */
public class ScriptedMailProfile implements QuarkusTestProfile {

    public static final int PER_CLIENT = 3;
    public static final int GLOBAL = 20;
    public static final int ADMIN_FAILURES = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(TestDatabase.isolated("scripted-mail"));
        config.put("hallway.digest.max-attempts", "3");
        config.put("hallway.digest.max-bounces", "3");
        // a send the mail client loses (see MailDelivery) fails after this, not after the default 30 s
        config.put("hallway.mail.send-timeout", "5s");
        config.put("hallway.subscribe.per-client", Integer.toString(PER_CLIENT));
        config.put("hallway.subscribe.per-client-period", "1h");
        config.put("hallway.subscribe.global", Integer.toString(GLOBAL));
        config.put("hallway.subscribe.global-period", "1h");
        config.put("hallway.admin.max-failures", Integer.toString(ADMIN_FAILURES));
        config.put("hallway.admin.failure-period", "1h");
        config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        config.put("quarkus.http.proxy.allow-x-forwarded", "true");
        return config;
    }
}
