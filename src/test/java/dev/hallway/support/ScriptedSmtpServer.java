package dev.hallway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on 127.0.0.1 that answers RCPT TO with whatever reply a test sets ("451 4.3.0 try later",
 * "550 5.1.1 no such user", or "250 OK"), and can stop listening altogether (connection refused) and listen again
 * on the same port. It prefers a port below 1024 that reads like an SMTP reply code (587, then 500–599), which only
 * root can open: a "Connection refused: /127.0.0.1:587" must not be taken for a 5xx rejection. Elsewhere it takes
 * any free port.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private final int port;
    private volatile ServerSocket socket;
    private volatile String rcptReply = "250 2.1.5 OK";
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;
    private volatile int refuseAfter = -1;

    private ScriptedSmtpServer(ServerSocket socket) {
        this.socket = socket;
        this.port = socket.getLocalPort();
        serve(socket);
    }

    public static ScriptedSmtpServer start() {
        int[] candidates = new int[101];
        candidates[0] = 587;
        for (int i = 0; i < 100; i++) {
            candidates[i + 1] = 500 + i;
        }
        for (int candidate : candidates) {
            try {
                return new ScriptedSmtpServer(new ServerSocket(candidate, 16, InetAddress.getLoopbackAddress()));
            } catch (IOException inUseOrNotRoot) {
                // next
            }
        }
        try {
            return new ScriptedSmtpServer(new ServerSocket(0, 16, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The reply to every RCPT TO from now on, e.g. "550 5.1.1 no such user". */
    public void replyToRecipients(String reply) {
        rcptReply = reply;
    }

    /** Messages accepted (answered 250 after DATA). */
    public int accepted() {
        return accepted.get();
    }

    /** The text of every message accepted so far (headers and body as sent). */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Connections open now (accepted, not yet closed by either side). */
    public int openConnections() {
        return (int) connections.stream().filter(c -> !c.isClosed()).count();
    }

    /** While stalled, a new connection is accepted and never greeted: a hanging SMTP server. */
    public void stall(boolean stall) {
        stalled = stall;
        if (!stall) {
            for (Socket c : connections) {
                closeQuietly(c); // the clients held waiting give up now
            }
        }
    }

    /**
     * Once {@code acceptedInAll} messages are accepted (counting from the server's start, see {@link #accepted}), stops
     * listening and drops every connection right after the 250 of that message: a server that goes away at a known
     * point of a pass, however fast or slow the client.
     */
    public synchronized void refuseConnectionsAfter(int acceptedInAll) {
        refuseAfter = acceptedInAll;
    }

    /**
     * Stops listening and ends every connection: a client connecting now is refused, one connected reads what was
     * written to it (a 250 just sent) and then the end of the stream. Ended with a FIN, not closed at once: closing a
     * socket with unread input sends a reset, and a reset makes the client's kernel drop a 250 it has received but not
     * yet read, so a message this server counts as accepted would look failed to the client.
     */
    public synchronized void refuseConnections() {
        closeQuietly(socket);
        for (Socket c : connections) {
            try {
                c.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(c);
            }
        }
        connections.clear();
    }

    /** Listens again on the same port. */
    public synchronized void acceptConnections() {
        if (!socket.isClosed()) {
            return;
        }
        try {
            ServerSocket fresh = new ServerSocket();
            fresh.setReuseAddress(true);
            fresh.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            socket = fresh;
            serve(fresh);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve(ServerSocket listening) {
        Thread accept = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    synchronized (this) {
                        // accepted just as refuseConnections closed the listening socket: refused all the same, so
                        // no connection is served while the server is meant to be away
                        if (listening != socket || listening.isClosed()) {
                            closeQuietly(client);
                            return;
                        }
                        connections.add(client);
                    }
                    Thread session = new Thread(() -> session(client), "scripted-smtp-session");
                    session.setDaemon(true);
                    session.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "scripted-smtp");
        accept.setDaemon(true);
        accept.start();
    }

    private void session(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            while (stalled && !client.isClosed() && !client.isOutputShutdown()) {
                Thread.sleep(20);
            }
            say(out, "220 scripted.test ESMTP");
            for (String line; (line = in.readLine()) != null; ) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> say(out, "250 scripted.test");
                    case "MAIL" -> say(out, "250 2.1.0 OK");
                    case "RCPT" -> say(out, rcptReply);
                    case "DATA" -> {
                        say(out, "354 go ahead");
                        StringBuilder message = new StringBuilder();
                        for (String body; (body = in.readLine()) != null && !body.equals("."); ) {
                            message.append(body).append('\n');
                        }
                        // recorded only with its 250 written, and not once the test dropped the connection: a
                        // message the client saw fail was never accepted, so a retry is no duplicate
                        boolean gone;
                        synchronized (this) {
                            gone = client.isClosed() || client.isOutputShutdown();
                            if (!gone) {
                                say(out, "250 2.0.0 queued");
                                messages.add(message.toString());
                                if (accepted.incrementAndGet() == refuseAfter) {
                                    refuseAfter = -1;
                                    refuseConnections(); // this connection too, its 250 written
                                    gone = true;
                                }
                            }
                        }
                        if (gone) {
                            drain(client); // outside the lock: the other sessions and the test go on meanwhile
                            return;
                        }
                    }
                    case "QUIT" -> {
                        say(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> say(out, "250 OK"); // RSET, NOOP
                }
            }
        } catch (IOException dropped) {
            // the test ended it: let the client close first (see refuseConnections)
            drain(client);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(client);
        }
    }

    /** Reads what a client still sends, for at most a few seconds, until it closes its side. */
    private static void drain(Socket client) {
        try {
            client.setSoTimeout(5_000);
            InputStream in = client.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // discarded
            }
        } catch (IOException gone) {
            // closed, reset or silent: nothing left to spare it
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        refuseConnections();
    }
}
