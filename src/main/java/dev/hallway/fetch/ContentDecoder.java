package dev.hallway.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/** Undoes Content-Encoding gzip or deflate, refusing output past the cap (a small gzip can hide a huge body). */
final class ContentDecoder {

    private ContentDecoder() {
    }

    static byte[] decode(byte[] body, String contentEncoding, long cap, String capKey) throws IOException {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "", "identity":
                return body;
            case "gzip", "x-gzip":
                return readCapped(new GZIPInputStream(new ByteArrayInputStream(body)), cap, capKey);
            case "deflate":
                try {
                    return readCapped(new InflaterInputStream(new ByteArrayInputStream(body)), cap, capKey);
                } catch (ZipException zlibHeaderMissing) {
                    // some servers send raw DEFLATE without the zlib wrapper the RFC asks for
                    return readCapped(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(true)), cap, capKey);
                }
            default:
                throw new IOException("unsupported Content-Encoding '" + contentEncoding + "'");
        }
    }

    private static byte[] readCapped(InputStream in, long cap, String capKey) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + (long) n > cap) {
                    throw new BodyTooLargeException(cap, capKey);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
