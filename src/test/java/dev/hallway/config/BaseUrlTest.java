package dev.hallway.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BaseUrlTest {

    @Test
    void theHostOfTheBaseUrlWithoutPortOrPath() {
        assertEquals("hallway.example.org", BaseUrl.host("https://hallway.example.org:8443/app/", "localhost"));
        assertEquals("localhost", BaseUrl.host("http://localhost:8080", "x"));
    }

    @Test
    void aBaseUrlWithoutAHostGivesTheFallback() {
        assertEquals("hallway.localhost", BaseUrl.host("not a url", "hallway.localhost"));
        assertEquals("localhost", BaseUrl.host("/relative", "localhost"));
    }
}
