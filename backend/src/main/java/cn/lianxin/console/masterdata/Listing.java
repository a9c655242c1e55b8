package cn.lianxin.console.masterdata;

import java.util.List;

/** One page of a master-data list as the template draws it: the columns, the rows, and where the page (or the calendar's year) is. */
public record Listing(List<String> headers, List<Row> rows, int page, int pages, long total, Integer year) {

    /** A record's cells (plain text, escaped when drawn) and the key its edit link and actions use. */
    public record Row(String key, List<String> cells, boolean active) {
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < pages;
    }

    static Listing of(List<String> headers, List<Row> rows, cn.lianxin.api.Page<?> page) {
        int pages = (int) Math.max(1, (page.total() + page.size() - 1) / page.size());
        return new Listing(headers, rows, page.page(), pages, page.total(), null);
    }
}
