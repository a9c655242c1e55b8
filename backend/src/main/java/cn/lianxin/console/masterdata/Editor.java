package cn.lianxin.console.masterdata;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;

/**
 * One tab of 基础数据: how its records are listed, which form edits them, how the form becomes the API's request, and
 * which service saves it. {@code E} is the stored record, {@code R} the request the API's resource takes for it,
 * checked with the resource's own constraints before the service sees it.
 */
abstract class Editor<E, R> {

    /** How a record leaves the list: deactivated (kept for the cases pointing at it) or deleted, or not at all. */
    enum Removal { NONE, DEACTIVATE, DELETE }

    static final int PAGE_SIZE = 50;

    final String path;
    final String title;
    /** What one record is called on buttons and form headings. */
    final String noun;

    Editor(String path, String title) {
        this(path, title, title);
    }

    Editor(String path, String title, String noun) {
        this.path = path;
        this.title = title;
        this.noun = noun;
    }

    /** The field a unique constraint guards: a duplicate is reported there. */
    abstract String uniqueField();

    /** A page of the list, narrowed by the API's own filters as {@link #filters} offers them. */
    abstract Uni<Listing> list(int page, FormState query);

    /** The filters above the list: those the API's list takes, as selects; none by default. */
    Uni<List<FormField>> filters(FormState query) {
        return Uni.createFrom().item(List.of());
    }

    abstract Uni<E> find(String key);

    /** An edit form's starting values: the record as stored, under the request's field names. */
    abstract FormState stored(E record);

    abstract Uni<List<FormField>> fields(FormState state, boolean creating);

    /** The request the form describes; an input that is not even of the right type is recorded in {@code state}. */
    abstract R request(FormState state, boolean creating);

    abstract Uni<E> create(R request);

    abstract Uni<E> update(String key, R request);

    /**
     * Runs a change in a transaction of its own. The calendar's service opens its own (its deadline calendar reloads
     * after the commit), so its editor overrides this.
     */
    <T> Uni<T> inTransaction(Supplier<Uni<T>> change) {
        return Panache.withTransaction(change);
    }

    Removal removal() {
        return Removal.DEACTIVATE;
    }

    Uni<Void> remove(String key) {
        throw new UnsupportedOperationException(path + " records are not removed");
    }

    /** The word on the list's button for {@link #remove}. */
    String removeLabel() {
        return removal() == Removal.DELETE ? "删除" : "停用";
    }

    static PageRequest page(int page) {
        PageRequest request = new PageRequest();
        request.page = Math.max(0, page);
        request.size = PAGE_SIZE;
        return request;
    }

    /** Record ids in paths are numbers; anything else names no record, as the API answers it. */
    static long id(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("Record " + key);
        }
    }
}
