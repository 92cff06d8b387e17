package dev.hallway.common;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A named fact the service keeps about itself (the catalogue version entries were classified with, …). */
@Entity
@Table(name = "app_state")
public class AppState extends PanacheEntityBase {

    @Id
    @Column(name = "state_key")
    public String name;

    @Column(name = "state_value")
    public String value;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static String get(String name) {
        AppState state = findById(name);
        return state == null ? null : state.value;
    }

    public static void put(String name, String value, Instant now) {
        AppState state = findById(name);
        if (state == null) {
            state = new AppState();
            state.name = name;
            state.value = value;
            state.updatedAt = now;
            state.persist();
        } else {
            state.value = value;
            state.updatedAt = now;
        }
    }
}
