package dev.hallway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A real HTTP server on 127.0.0.1 that serves feeds the way tests script it, and remembers every request. */
public final class FeedServer implements AutoCloseable {

    /** A request as the server saw it (path with its query, if any). */
    public record Request(String method, String path, Map<String, String> headers, long atNanos, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** The parameters of the query string, or of a form body (application/x-www-form-urlencoded), decoded. */
        public Map<String, String> params() {
            String query = path.contains("?") ? path.substring(path.indexOf('?') + 1)
                    : new String(body, java.nio.charset.StandardCharsets.UTF_8);
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
            return params;
        }

        private static String decode(String s) {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * A scripted answer.
     *
     * @param delay   before the headers
     * @param dribble when not zero, the body is sent one byte at a time, this long apart (a slow-loris server)
     */
    public record Reply(int status, Map<String, String> headers, byte[] body, Duration delay, Duration dribble) {
        public static Reply of(int status) {
            return new Reply(status, Map.of(), new byte[0], Duration.ZERO, Duration.ZERO);
        }

        public static Reply ok(byte[] body, String contentType) {
            return new Reply(200, Map.of("Content-Type", contentType), body, Duration.ZERO, Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delay, dribble);
        }

        public Reply after(Duration wait) {
            return new Reply(status, headers, body, wait, dribble);
        }

        /** The headers at once, then the body a byte every {@code every}. */
        public Reply dribbled(Duration every) {
            return new Reply(status, headers, body, delay, every);
        }
    }

    /** A dribbled body's end: when its sending stopped, and whether because the client closed the connection. */
    public record Dribbled(String path, long atNanos, boolean clientClosed) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Dribbled> dribbled = new CopyOnWriteArrayList<>();

    private FeedServer(HttpServer server) {
        this.server = server;
    }

    public static FeedServer start() {
        return start(InetAddress.getLoopbackAddress());
    }

    /** On another loopback address (127.0.0.2, …): a host of its own, as far as limits per host go. */
    public static FeedServer start(InetAddress address) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(address, 0), 64);
            FeedServer feeds = new FeedServer(http);
            http.createContext("/", feeds::handle);
            http.setExecutor(feeds.threads);
            http.start();
            return feeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void route(String path, Function<Request, Reply> route) {
        routes.put(path, route);
    }

    /** Always the same answer. */
    public void route(String path, Reply reply) {
        routes.put(path, request -> reply);
    }

    /**
     * Serves a body with an ETag and Last-Modified, answering 304 to a request that presents either validator:
     * a well-behaved blog.
     */
    public void serveWithValidators(String path, byte[] body, String contentType, String etag, String lastModified) {
        routes.put(path, request -> {
            if (etag.equals(request.header("If-None-Match")) || lastModified.equals(request.header("If-Modified-Since"))) {
                return Reply.of(304).withHeader("ETag", etag);
            }
            return Reply.ok(body, contentType).withHeader("ETag", etag).withHeader("Last-Modified", lastModified);
        });
    }

    /** Every dribbled body that has stopped being sent, in the order they stopped. */
    public List<Dribbled> dribbled() {
        return List.copyOf(dribbled);
    }

    /** Every request so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of this path, whatever their query. */
    public List<Request> requestsTo(String rawPath) {
        List<Request> matching = new ArrayList<>();
        for (Request r : requests) {
            if (r.path().equals(rawPath) || r.path().startsWith(rawPath + "?")) {
                matching.add(r);
            }
        }
        return matching;
    }

    public List<Request> requests(String path) {
        List<Request> matching = new ArrayList<>();
        for (Request r : requests) {
            if (r.path().equals(path)) {
                matching.add(r);
            }
        }
        return matching;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(", ", v)));
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Request request = new Request(exchange.getRequestMethod(), path, headers, System.nanoTime(), body);
            requests.add(request);
            Function<Request, Reply> route = routes.getOrDefault(path, routes.get(exchange.getRequestURI().getRawPath()));
            Reply reply = route == null ? Reply.of(404) : route.apply(request);
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            boolean noBody = reply.status() == 304 || reply.status() == 204 || reply.body().length == 0;
            exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
            if (!noBody && !reply.dribble().isZero()) {
                dribble(exchange, path, reply);
            } else if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                } catch (IOException clientGaveUp) {
                    // the client closed the connection (a body over its cap): that is the point of some tests
                }
            }
        }
    }

    private void dribble(HttpExchange exchange, String path, Reply reply) {
        boolean closed = false;
        try (OutputStream out = exchange.getResponseBody()) {
            for (byte b : reply.body()) {
                out.write(b);
                out.flush();
                Thread.sleep(reply.dribble().toMillis());
            }
        } catch (IOException clientGaveUp) {
            closed = true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        dribbled.add(new Dribbled(path, System.nanoTime(), closed));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
