package cn.lianxin.cases;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands out human-readable case numbers: town code, the town's calendar day, and a per-day sequence
 * (SG-20261127-0042). The counter row is locked by the upsert until the registering transaction ends, so
 * numbers are unique across instances; a rolled-back registration gives its number back.
 */
@ApplicationScoped
public class CaseNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final ZoneId townZone;

    public CaseNumbers(@ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.townZone = townZone;
    }

    /** Must run inside the registering transaction. */
    public Uni<String> next(long townId, String townCode) {
        LocalDate day = LocalDate.now(townZone);
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                INSERT INTO case_number_counter (town_id, day, last_value) VALUES (:town, :day, 1)
                ON CONFLICT (town_id, day) DO UPDATE SET last_value = case_number_counter.last_value + 1
                RETURNING last_value""", Integer.class)
                .setParameter("town", townId).setParameter("day", day).getSingleResult())
                .map(seq -> "%s-%s-%04d".formatted(townCode, DAY.format(day), seq));
    }
}
