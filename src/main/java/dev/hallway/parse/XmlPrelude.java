package dev.hallway.parse;

/**
 * Fixes what stands before the root element in real feeds and breaks XML parsers: whitespace or blank lines
 * before the XML declaration. A byte-order mark is left alone (ROME's XmlReader reads it to pick the encoding).
 */
final class XmlPrelude {

    private XmlPrelude() {
    }

    static byte[] clean(byte[] body) {
        int bom = hasUtf8Bom(body) ? 3 : 0;
        int start = bom;
        while (start < body.length && isAsciiSpace(body[start])) {
            start++;
        }
        if (start == bom) {
            return body;
        }
        byte[] cleaned = new byte[body.length - (start - bom)];
        System.arraycopy(body, 0, cleaned, 0, bom);
        System.arraycopy(body, start, cleaned, bom, body.length - start);
        return cleaned;
    }

    private static boolean hasUtf8Bom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    private static boolean isAsciiSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
