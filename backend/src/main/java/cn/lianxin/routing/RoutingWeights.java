package cn.lianxin.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

/** The points of {@link RoutingPolicy}, tunable per deployment; see application.properties. */
@ConfigMapping(prefix = "lianxin.routing.weights")
public interface RoutingWeights {

    /** The case's village is one of the representative's contact villages (包抓联系点). */
    @WithDefault("40")
    BigDecimal contactVillage();

    /** The category's work field is one of the representative's fields (工作领域). */
    @WithDefault("30")
    BigDecimal workField();

    /** One of the representative's specialties (优势特长) names the category, or the category names it. */
    @WithDefault("10")
    BigDecimal specialty();

    /** The representative lives in the case's village (就近就便). */
    @WithDefault("15")
    BigDecimal sameVillage();

    /** Otherwise: the representative belongs to the village's constituency (选区). */
    @WithDefault("5")
    BigDecimal sameConstituency();

    /** Taken away for each case the representative has open (均衡编排). */
    @WithDefault("5")
    BigDecimal perOpenCase();

    default RoutingPolicy.Weights values() {
        return new RoutingPolicy.Weights(contactVillage(), workField(), specialty(), sameVillage(), sameConstituency(), perOpenCase());
    }
}
