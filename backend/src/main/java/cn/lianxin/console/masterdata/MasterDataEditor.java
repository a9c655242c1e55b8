package cn.lianxin.console.masterdata;

import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.MasterDataEntity;
import io.smallrye.mutiny.Uni;

/**
 * A tab whose records are master data found by id and removed by deactivating them (the cases pointing at them keep
 * their names): what every such tab would otherwise write out again.
 */
abstract class MasterDataEditor<E extends MasterDataEntity, R> extends Editor<E, R> {

    private final Class<E> type;
    private final Lookups lookups;

    MasterDataEditor(String path, String title, Class<E> type, Lookups lookups) {
        super(path, title);
        this.type = type;
        this.lookups = lookups;
    }

    @Override
    Uni<E> find(String key) {
        return lookups.existing(type, id(key));
    }

    @Override
    Uni<Void> remove(String key) {
        return lookups.deactivate(type, id(key)).replaceWithVoid();
    }
}
