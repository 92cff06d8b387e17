package dev.hallway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the mailer at a {@link ScriptedSmtpServer}: a real SMTP conversation whose RCPT reply a test chooses. */
public class ScriptedSmtpResource implements QuarkusTestResourceLifecycleManager {

    private static ScriptedSmtpServer server;

    public static synchronized ScriptedSmtpServer server() {
        return server;
    }

    @Override
    public synchronized Map<String, String> start() {
        server = ScriptedSmtpServer.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(server.port()),
                "quarkus.mailer.start-tls", "DISABLED", "quarkus.mailer.keep-alive", "false",
                "hallway.mail.enabled", "true", "hallway.mail.from", "Hallway <digest@hallway.test>");
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close();
        }
    }
}
