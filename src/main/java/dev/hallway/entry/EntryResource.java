package dev.hallway.entry;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** GET /entries and /entries/{id}: the stored posts, newest first. */
@Path("/entries")
@Produces(MediaType.APPLICATION_JSON)
public class EntryResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    @Inject
    EntryQueries queries;

    @GET
    @Transactional
    public EntryView.Page list(@QueryParam("source") Long source, @QueryParam("conference") String conference,
                               @QueryParam("since") String since,
                               @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        EntryCursor after;
        try {
            after = cursor == null || cursor.isBlank() ? null : EntryCursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return queries.page(new EntryQueries.Filter(source, parseSince(since),
                conference == null || conference.isBlank() ? null : conference.trim()), size, after);
    }

    @GET
    @Path("/{id}")
    @Transactional
    public EntryView one(@PathParam("id") long id) {
        EntryView view = queries.one(id);
        if (view == null) {
            throw new NotFoundException("no entry " + id);
        }
        return view;
    }

    /** An ISO instant (2024-05-01T00:00:00Z) or a date (2024-05-01, midnight UTC). */
    private static Instant parseSince(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return since.contains("T") ? Instant.parse(since) : LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException("since must be a date (2024-05-01) or an instant (2024-05-01T00:00:00Z)");
        }
    }
}
