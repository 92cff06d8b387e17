package dev.hallway.parse;

import com.rometools.rome.io.XmlReader;
import dev.hallway.common.XmlChars;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Bytes of a feed to the text an XML parser can take: the encoding from BOM, HTTP header and XML declaration
 * (ROME's XmlReader), corrected when the declaration lies, then the common breakage cleaned away: whitespace
 * before the declaration, and control characters that XML forbids.
 */
final class XmlText {

    private static final Set<String> SINGLE_BYTE_LATIN = Set.of("ISO-8859-1", "US-ASCII", "WINDOWS-1252", "CP1252");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private XmlText() {
    }

    static String decode(byte[] body, String rawContentType) throws IOException {
        // charset= "us-ascii" (quoted, spaced) is legal HTTP that XmlReader rejects
        String contentType = rawContentType == null ? null
                : rawContentType.replaceAll("(?i)charset\\s*=\\s*[\"']?([^\"';\\s]+)[\"']?", "charset=$1");
        String declared;
        String text;
        try (XmlReader reader = contentType == null
                ? new XmlReader(new ByteArrayInputStream(body), true)
                : new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            declared = reader.getEncoding() == null ? "UTF-8" : reader.getEncoding().toUpperCase(Locale.ROOT);
            text = readAll(reader);
        }
        if (declared.equals("UTF-8") && !isUtf8(body)) {
            // declared UTF-8 but is not: the usual truth is windows-1252
            text = new String(body, WINDOWS_1252);
        } else if (SINGLE_BYTE_LATIN.contains(declared) && hasMultiByteUtf8(body)) {
            // declared Latin-1 but the bytes are valid UTF-8 with non-ASCII characters: UTF-8 it is
            text = new String(body, StandardCharsets.UTF_8);
        }
        return clean(text);
    }

    /** Drops the BOM and anything blank before the first '<', and characters XML 1.0 does not allow. */
    static String clean(String text) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\uFEFF' || Character.isWhitespace(text.charAt(start)))) {
            start++;
        }
        return XmlChars.clean(text.substring(start));
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while ((n = reader.read(buffer)) != -1) {
            out.append(buffer, 0, n);
        }
        return out.toString();
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean hasMultiByteUtf8(byte[] body) {
        boolean nonAscii = false;
        for (byte b : body) {
            if (b < 0) {
                nonAscii = true;
                break;
            }
        }
        return nonAscii && isUtf8(body);
    }
}
