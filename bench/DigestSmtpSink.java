import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP sink for bench/digest-send.sh: accepts every message on 127.0.0.1:PORT, one thread per connection,
 * and counts messages, bytes, recipients and connections. Nothing is stored.
 *
 * <pre>java bench/DigestSmtpSink.java PORT</pre>
 *
 * Prints "ready port=PORT" once listening, then a "count ..." line every second while the count changes, and a last
 * one on exit (SIGTERM). The line reads:
 * {@code count messages=N distinct_rcpt=N bytes=N connections=N first_ms=EPOCH last_ms=EPOCH}.
 * Speaks: 220 greeting, EHLO/HELO, MAIL, RCPT, DATA (354 … "." 250), RSET, NOOP, VRFY, QUIT; anything else 502.
 * No PIPELINING, STARTTLS or AUTH is advertised, so the client talks plain and in lock-step.
 */
public class DigestSmtpSink {

    static final AtomicLong MESSAGES = new AtomicLong();
    static final AtomicLong BYTES = new AtomicLong();
    static final AtomicLong CONNECTIONS = new AtomicLong();
    static final AtomicLong FIRST_MS = new AtomicLong();
    static final AtomicLong LAST_MS = new AtomicLong();
    static final Set<String> RECIPIENTS = ConcurrentHashMap.newKeySet();

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 2525;
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(line()), "sink-exit"));
        Thread reporter = new Thread(() -> {
            long shown = -1;
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                long now = MESSAGES.get();
                if (now != shown) {
                    System.out.println(line());
                    shown = now;
                }
            }
        }, "sink-report");
        reporter.setDaemon(true);
        reporter.start();
        System.out.println("ready port=" + server.getLocalPort());
        while (true) {
            Socket socket = server.accept();
            CONNECTIONS.incrementAndGet();
            Thread t = new Thread(() -> serve(socket), "smtp-" + CONNECTIONS.get());
            t.setDaemon(true);
            t.start();
        }
    }

    static String line() {
        return "count messages=" + MESSAGES.get() + " distinct_rcpt=" + RECIPIENTS.size() + " bytes=" + BYTES.get()
                + " connections=" + CONNECTIONS.get() + " first_ms=" + FIRST_MS.get() + " last_ms=" + LAST_MS.get();
    }

    static void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(300_000);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            OutputStream out = socket.getOutputStream();
            reply(out, "220 digest-sink ESMTP ready");
            String rcpt = null;
            int rcpts = 0;
            String cmd;
            while ((cmd = readLine(in)) != null) {
                String upper = cmd.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-digest-sink\r\n250-8BITMIME\r\n250-SIZE 52428800\r\n250 SMTPUTF8");
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 digest-sink");
                } else if (upper.startsWith("MAIL")) {
                    rcpt = null;
                    rcpts = 0;
                    reply(out, "250 2.1.0 OK");
                } else if (upper.startsWith("RCPT")) {
                    rcpt = address(cmd);
                    rcpts++;
                    reply(out, "250 2.1.5 OK");
                } else if (upper.equals("DATA")) {
                    if (rcpts == 0) {
                        reply(out, "503 5.5.1 RCPT first");
                        continue;
                    }
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    long size = 0;
                    String data;
                    while ((data = readLine(in)) != null && !data.equals(".")) {
                        size += data.length() + 2;
                    }
                    if (data == null) {
                        return;
                    }
                    long now = System.currentTimeMillis();
                    FIRST_MS.compareAndSet(0, now);
                    LAST_MS.set(now);
                    BYTES.addAndGet(size);
                    MESSAGES.incrementAndGet();
                    if (rcpt != null) {
                        RECIPIENTS.add(rcpt);
                    }
                    rcpt = null;
                    rcpts = 0;
                    reply(out, "250 2.0.0 OK queued");
                } else if (upper.startsWith("RSET")) {
                    rcpt = null;
                    rcpts = 0;
                    reply(out, "250 2.0.0 OK");
                } else if (upper.startsWith("NOOP")) {
                    reply(out, "250 2.0.0 OK");
                } else if (upper.startsWith("VRFY")) {
                    reply(out, "252 2.1.5 Cannot VRFY");
                } else if (upper.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 Command not implemented");
                }
            }
        } catch (IOException e) {
            // client went away: nothing to do
        }
    }

    static String address(String cmd) {
        int lt = cmd.indexOf('<');
        int gt = cmd.indexOf('>', lt + 1);
        String a = lt >= 0 && gt > lt ? cmd.substring(lt + 1, gt) : cmd.substring(Math.min(cmd.length(), 8)).trim();
        return a.toLowerCase(Locale.ROOT);
    }

    static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One line without its CRLF (a bare LF also ends a line); null at end of stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() > 0 ? line.toString(StandardCharsets.ISO_8859_1) : null;
    }
}
