package dev.hallway.websub;

import dev.hallway.common.Hashing;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two small parsers of the WebSub headers: Link (a hub advertised by HTTP) and X-Hub-Signature. */
class LinkHeadersTest {

    @Test
    void findsTheHubAndSelfOfLinkHeadersAsBlogsSendThem() {
        List<String> headers = List.of(
                "<https://blog.example/wp-json/>; rel=\"https://api.w.org/\", <https://pubsubhubbub.appspot.com/>; rel=\"hub\"",
                "</feed/>; rel=self; type=\"application/rss+xml\"",
                "<https://websub.example/>; rel=\"hub alternate\", <javascript:alert(1)>; rel=\"hub\"");
        assertEquals(List.of("https://pubsubhubbub.appspot.com/", "https://websub.example/"),
                LinkHeaders.withRel(headers, "hub", "https://blog.example/feed/"));
        assertEquals(List.of("https://blog.example/feed/"), LinkHeaders.withRel(headers, "self", "https://blog.example/feed/"));
        assertEquals(List.of(), LinkHeaders.withRel(List.of("garbage; rel=hub"), "hub", "https://blog.example/"));
    }

    @Test
    void acceptsTheFourSignatureMethodsAndNothingElse() {
        byte[] body = "<feed/>".getBytes(StandardCharsets.UTF_8);
        for (String method : List.of("sha1", "sha256", "sha384", "sha512")) {
            String hex = HexFormat.of().formatHex(Hashing.hmac("Hmac" + method.toUpperCase(), "k".getBytes(), body));
            assertNull(HubSignature.problem(method + "=" + hex, "k", body), method);
            assertNull(HubSignature.problem(method.toUpperCase() + "=" + hex.toUpperCase(), "k", body), "case does not matter");
            assertTrue(HubSignature.problem(method + "=" + hex, "other", body).contains("does not match"));
        }
        assertNull(HubSignature.problem(HubSignature.sign("k", body), "k", body));
        assertTrue(HubSignature.problem(null, "k", body).contains("not signed"));
        assertTrue(HubSignature.problem("md5=00", "k", body).contains("sha1="));
        assertTrue(HubSignature.problem("sha256=zz", "k", body).contains("hexadecimal"));
        assertTrue(HubSignature.problem("sha256=00", "k", body).contains("does not match"), "a short signature");
    }
}
