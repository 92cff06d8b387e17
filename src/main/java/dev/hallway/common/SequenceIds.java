package dev.hallway.common;

import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;

/**
 * Ids for rows written with plain JDBC batches, from the same allocator Hibernate uses for the entity (its pooled
 * optimizer over the entity's sequence, {@code allocationSize} ids per database call): both ways of writing share one
 * range and never collide.
 */
public final class SequenceIds {

    private SequenceIds() {
    }

    /** The next id of {@code type}'s generator, for {@code row} (an instance of it). */
    public static long next(EntityManager em, Class<?> type, Object row) {
        SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
        BeforeExecutionGenerator ids = (BeforeExecutionGenerator) session.getFactory().getMappingMetamodel()
                .getEntityDescriptor(type).getGenerator();
        return ((Number) ids.generate(session, row, null, EventType.INSERT)).longValue();
    }
}
