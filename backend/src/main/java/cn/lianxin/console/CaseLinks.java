package cn.lianxin.console;

import cn.lianxin.cases.CaseSearch;
import cn.lianxin.cases.Figure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Links to the console's case list with the same filters its API takes, so a figure opens the cases behind it. */
public final class CaseLinks {

    public static final String LIST = "/console/cases";

    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private CaseLinks() {
    }

    public static CaseLinks registered(LocalDate from, LocalDate to) {
        return new CaseLinks().with("from", from).with("to", to);
    }

    public CaseLinks with(String name, Object value) {
        if (value != null) {
            parameters.put(name, value);
        }
        return this;
    }

    /** Narrows to one group of a figure; a null id is the group of cases not yet placed in it. */
    public CaseLinks group(String idParameter, Long id, CaseSearch.Unplaced unplaced) {
        return id == null ? with("unplaced", unplaced) : with(idParameter, id);
    }

    public CaseLinks figure(Figure figure) {
        return with("figure", figure);
    }

    public String toString() {
        return LIST + (parameters.isEmpty() ? "" : "?" + parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    /** A copy to narrow further without changing this one. */
    public CaseLinks copy() {
        CaseLinks copy = new CaseLinks();
        copy.parameters.putAll(parameters);
        return copy;
    }
}
