package cn.lianxin.masterdata;

import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.masterdata.CategoryResource.CategoryRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/** Categories as the town office keeps them, for the API and the console alike; callers hold the session or transaction. */
@ApplicationScoped
public class Categories {

    private final Lookups lookups;

    public Categories(Lookups lookups) {
        this.lookups = lookups;
    }

    public Uni<Page<Category>> list(PageRequest page, WorkField workField, Boolean active) {
        Filters filters = new Filters().with("workField = :workField", "workField", workField).with("active = :active", "active", active);
        return Filters.page(Category.<Category>find(filters.where("code"), filters.parameters()), page, Function.identity());
    }

    public Uni<Category> create(CategoryRequest request) {
        Category category = new Category();
        apply(category, request);
        return category.persist();
    }

    public Uni<Category> update(long id, CategoryRequest request) {
        return lookups.existing(Category.class, id).invoke(c -> apply(c, request));
    }

    private static void apply(Category category, CategoryRequest request) {
        category.code = request.code();
        category.name = request.name().strip();
        category.workField = request.workField();
    }
}
