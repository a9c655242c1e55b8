package cn.lianxin.console.masterdata;

import cn.lianxin.console.masterdata.FormField.Option;
import cn.lianxin.masterdata.Categories;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.CategoryResource.CategoryRequest;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.WorkField;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;

/** 诉求类别: what a concern is about; its work field is what routing matches against representatives' fields. */
@Singleton
class CategoryEditor extends MasterDataEditor<Category, CategoryRequest> {

    static final List<Option> WORK_FIELDS = Arrays.stream(WorkField.values()).map(f -> new Option(f.name(), f.label())).toList();

    private final Categories categories;

    CategoryEditor(Categories categories, Lookups lookups) {
        super("categories", "诉求类别", Category.class, lookups);
        this.categories = categories;
    }

    @Override
    String uniqueField() {
        return "code";
    }

    @Override
    Uni<Listing> list(int page, FormState query) {
        return categories.list(page(page), query.choice(WorkField.class, "workField"), null).map(p -> Listing.of(List.of("编码", "名称", "工作领域"),
                p.items().stream().map(c -> new Listing.Row(c.id.toString(), List.of(c.code, c.name, c.workField.label()), c.active)).toList(),
                p));
    }

    @Override
    Uni<List<FormField>> filters(FormState query) {
        return Uni.createFrom().item(List.of(query.select("workField", "工作领域", false, WORK_FIELDS)));
    }

    @Override
    FormState stored(Category category) {
        return FormState.empty().put("code", category.code).put("name", category.name).put("workField", category.workField);
    }

    @Override
    Uni<List<FormField>> fields(FormState state, boolean creating) {
        return Uni.createFrom().item(List.of(
                state.text("code", "编码", true).withHint("小写字母开头，可含小写字母、数字和短横线，如 roads"),
                state.text("name", "名称", true),
                state.select("workField", "工作领域", true, WORK_FIELDS).withHint("派单时按它匹配党代表的工作领域")));
    }

    @Override
    CategoryRequest request(FormState state, boolean creating) {
        return new CategoryRequest(state.text("code"), state.text("name"), state.choice(WorkField.class, "workField"));
    }

    @Override
    Uni<Category> create(CategoryRequest request) {
        return categories.create(request);
    }

    @Override
    Uni<Category> update(String key, CategoryRequest request) {
        return categories.update(id(key), request);
    }
}
