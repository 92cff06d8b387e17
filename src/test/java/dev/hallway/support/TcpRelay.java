package dev.hallway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on loopback in front of a real server (GreenMail): it holds each reply of the server back a little
 * (a slow SMTP server), and can hold the clients' requests altogether for a while (a server that stalls). What a
 * client sent while held is dropped if that client is gone when the hold ends, so a client killed mid-request
 * leaves the server with an unfinished exchange.
 */
public final class TcpRelay implements AutoCloseable {

    /** One connection: whether the server has yet to answer what was passed on, whether the client's next words wait here. */
    private static final class Link {
        volatile boolean awaitingReply;
        volatile boolean held;
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final long replyDelayMillis;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-relay");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Map<Socket, Link> links = new ConcurrentHashMap<>();
    private final Object gate = new Object();
    private boolean holding;

    private TcpRelay(ServerSocket listener, int targetPort, Duration replyDelay) {
        this.listener = listener;
        this.targetPort = targetPort;
        this.replyDelayMillis = replyDelay.toMillis();
    }

    public static TcpRelay start(int targetPort, Duration replyDelay) {
        try {
            TcpRelay relay = new TcpRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort, replyDelay);
            relay.threads.execute(relay::acceptLoop);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on, what clients send waits in the relay (the server sees nothing more); replies still flow. */
    public void holdRequests() {
        synchronized (gate) {
            holding = true;
        }
    }

    /**
     * The server is working on nothing: on every connection, what was passed on has been answered, or the rest of it
     * waits here (a message whose end is held is not complete on the server).
     */
    public boolean quiet() {
        return links.values().stream().allMatch(link -> link.held || !link.awaitingReply);
    }

    /** Lets held and new requests through again. */
    public void releaseRequests() {
        synchronized (gate) {
            holding = false;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                Link link = new Link();
                links.put(client, link);
                threads.execute(() -> pump(client, server, link, true));
                threads.execute(() -> pump(server, client, link, false));
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to, Link link, boolean request) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                byte[] more = null;
                if (request && awaitRelease(link)) {
                    more = sentDuringHold(from);
                    if (more == null) {
                        return;
                    }
                } else if (!request && replyDelayMillis > 0) {
                    Thread.sleep(replyDelayMillis);
                }
                if (request) {
                    link.awaitingReply = true; // before the server can answer it
                }
                out.write(buffer, 0, n);
                if (more != null) {
                    out.write(more);
                }
                out.flush();
                if (!request) {
                    link.awaitingReply = false;
                }
            }
        } catch (IOException | InterruptedException e) {
            // one side went away: end both
        } finally {
            links.remove(request ? from : to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** @return whether the request was held */
    private boolean awaitRelease(Link link) throws InterruptedException {
        boolean held = false;
        synchronized (gate) {
            while (holding) {
                link.held = held = true;
                gate.wait();
            }
        }
        link.held = false;
        return held;
    }

    /**
     * What else the client sent while its request was held, or null if it is gone: a client waiting for its answer
     * goes quiet, a dead one has closed its end (after whatever it wrote before dying, which is dropped with it).
     */
    private static byte[] sentDuringHold(Socket client) throws IOException {
        ByteArrayOutputStream more = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        client.setSoTimeout(200);
        try {
            for (int n; (n = client.getInputStream().read(buffer)) >= 0; ) {
                more.write(buffer, 0, n);
            }
            return null;
        } catch (SocketTimeoutException quiet) {
            return more.toByteArray();
        } catch (IOException reset) {
            return null;
        } finally {
            client.setSoTimeout(0);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        releaseRequests();
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.forEach(TcpRelay::closeQuietly);
        threads.shutdownNow();
    }
}
