package dev.hallway.admin;

import dev.hallway.conference.Classification;
import dev.hallway.entry.ConferencePin;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * An operator's word on an entry's conference, kept through every reclassification.
 * PUT {"series":"fosdem","edition":"2019"} pins an edition (a series missing from the catalogue needs "name");
 * PUT {"none":true} pins "not a report"; DELETE returns the entry to the classifier.
 */
@Path("/admin/entries/{id}/conference")
@Produces(MediaType.APPLICATION_JSON)
public class AdminConferenceResource {

    @Inject
    ConferencePin pins;

    @PUT
    public Response pin(@PathParam("id") long id, ConferencePin.Request request) {
        Classification pinned = pins.pin(id, request);
        return Response.ok(pinned == null ? Map.of("conference", "none", "pinned", true) : pinned).build();
    }

    @DELETE
    public Response unpin(@PathParam("id") long id) {
        Classification automatic = pins.unpin(id);
        return Response.ok(automatic == null ? Map.of("conference", "none", "pinned", false) : automatic).build();
    }
}
