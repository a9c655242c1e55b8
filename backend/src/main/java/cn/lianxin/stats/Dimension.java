package cn.lianxin.stats;

import cn.lianxin.api.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the figures are grouped by: a column of {@code cases} and the table its names come from. */
public enum Dimension {
    WORKSTATION("workstation_id", "workstation"),
    REPRESENTATIVE("representative_id", "representative"),
    VILLAGE("village_id", "village"),
    CATEGORY("category_id", "category");

    private final String column;
    private final String names;

    Dimension(String column, String names) {
        this.column = column;
        this.names = names;
    }

    /** The column's and table's names go into the SQL text; they come from here, never from the request. */
    String fill(String template) {
        return template.replace("{dimension}", column).replace("{names}", names);
    }

    /** The value of the {@code by} parameter: workstation, representative, village or category. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Dimension parse(String by) {
        return Arrays.stream(values()).filter(d -> d.parameter().equals(by)).findFirst()
                .orElseThrow(() -> ApiException.invalidField("by", "must be one of "
                        + Arrays.stream(values()).map(Dimension::parameter).collect(Collectors.joining(", "))));
    }
}
