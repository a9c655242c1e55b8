package cn.lianxin.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Declares the test resources once for every {@code @QuarkusTest}: one shared set means Quarkus starts once
 * for the whole suite instead of once per test class.
 */
@QuarkusTestResource(LocalStackTestResource.class)
public final class GlobalTestResources {
    private GlobalTestResources() {
    }
}
