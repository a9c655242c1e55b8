package cn.lianxin.masterdata;

import cn.lianxin.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/**
 * Loads master data by id with the two answers the API needs: a missing subject is 404, a missing or
 * deactivated reference inside a request is 422 naming the field.
 */
@ApplicationScoped
public class Lookups {

    public <E extends MasterDataEntity> Uni<E> existing(Class<E> type, long id) {
        return Panache.getSession().chain(s -> s.find(type, id))
                .onItem().ifNull().failWith(() -> ApiException.notFound(type.getSimpleName() + " " + id));
    }

    /** A reference that new work may point at: it must exist and be active. */
    public <E extends MasterDataEntity> Uni<E> reference(Class<E> type, Long id, String field) {
        if (id == null) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().chain(s -> s.find(type, id))
                .map(e -> {
                    if (e == null || !e.active) {
                        throw ApiException.invalidField(field, "no active " + type.getSimpleName().toLowerCase() + " with id " + id);
                    }
                    return e;
                });
    }

    /** Every id must name an active entity; the error lists the ones that do not. */
    public <E extends MasterDataEntity> Uni<Void> references(Class<E> type, Collection<Long> ids, String field) {
        if (ids == null || ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery("select e.id from " + type.getSimpleName() + " e where e.id in :ids and e.active", Long.class)
                        .setParameter("ids", ids).getResultList())
                .map(found -> {
                    List<Long> missing = ids.stream().filter(id -> !found.contains(id)).sorted().toList();
                    if (!missing.isEmpty()) {
                        throw ApiException.invalidField(field, "no active " + type.getSimpleName().toLowerCase() + " with id " + missing);
                    }
                    return null;
                });
    }

    /** Deactivation keeps the row: existing cases still point at it, new work no longer may. */
    public <E extends MasterDataEntity> Uni<E> deactivate(Class<E> type, long id) {
        return existing(type, id).invoke(e -> e.active = false);
    }
}
