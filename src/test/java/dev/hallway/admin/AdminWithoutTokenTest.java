package dev.hallway.admin;

import dev.hallway.support.FeedServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** With no admin token configured, admin endpoints are closed to everyone. */
@QuarkusTest
@TestProfile(AdminWithoutTokenTest.NoToken.class)
@QuarkusTestResource(FeedServerResource.class)
class AdminWithoutTokenTest {

    public static class NoToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(dev.hallway.support.TestDatabase.isolated("no-token"));
            config.put("hallway.admin-token", "");
            return config;
        }
    }

    @Test
    void adminEndpointsAnswer403WhateverTheHeader() {
        given().when().post("/admin/poll").then().statusCode(403)
                .body("error", containsString("set hallway.admin-token"));
        given().auth().oauth2("anything").when().post("/admin/poll").then().statusCode(403);
        given().auth().oauth2("anything").when().delete("/admin/entries/1/conference").then().statusCode(403);
        // the admin page too: no sign-in form that could ever succeed
        given().when().get("/admin").then().statusCode(403).body(containsString("admin page is disabled"));
        given().formParam("token", "").when().post("/admin/session").then().statusCode(403);
    }
}
