package dev.hallway.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The admin page's one-time message after an action, carried by a short-lived cookie across the redirect (no
 * JavaScript, nothing in the URL a link could forge). Shown escaped like any text.
 */
final class Flashes {

    private static final int MAX = 1000;

    private Flashes() {
    }

    static String write(AdminView.Flash flash) {
        String message = flash.message() == null ? "" : flash.message();
        if (message.length() > MAX) {
            message = message.substring(0, MAX) + "…";
        }
        return (flash.error() ? "e" : "o") + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(message.getBytes(StandardCharsets.UTF_8));
    }

    static AdminView.Flash read(String cookie) {
        if (cookie == null || cookie.length() < 2 || cookie.length() > 4 * MAX) {
            return null;
        }
        try {
            String message = new String(Base64.getUrlDecoder().decode(cookie.substring(1)), StandardCharsets.UTF_8);
            return new AdminView.Flash(message, cookie.charAt(0) == 'e');
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
