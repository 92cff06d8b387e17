package dev.hallway.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A real SMTP server (GreenMail) on loopback for the tests that send mail; it can be stopped and started again. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static GreenMail greenMail;

    public static synchronized GreenMail mail() {
        return greenMail;
    }

    /** Takes the SMTP server down (messages sent now fail as a network error). */
    public static synchronized void stopServer() {
        greenMail.stop();
    }

    /** Brings it back on the same port, empty. */
    public static synchronized void startServer() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @Override
    public synchronized Map<String, String> start() {
        port = HallwayProcess.freePort();
        startServer();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port),
                "quarkus.mailer.start-tls", "DISABLED", "quarkus.mailer.mock", "false", "hallway.mail.enabled", "true",
                "hallway.mail.from", "Hallway <digest@hallway.test>",
                "hallway.mail.unsubscribe-mailbox", "unsubscribe@hallway.test");
    }

    @Override
    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
