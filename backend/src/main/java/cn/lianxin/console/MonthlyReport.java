package cn.lianxin.console;

import cn.lianxin.stats.OverdueCase;
import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What one 月报 shows: a month's four rates for a workstation or the whole town, set against the month before,
 * split by workstation (the town's report) or representative (a workstation's), where the cases came from, and the
 * cases overdue when the report was made. Every number comes from {@link cn.lianxin.stats.Figures}.
 */
public record MonthlyReport(String townName, String scopeName, YearMonth month, Long workstationId, ZoneId zone, OffsetDateTime madeAt,
        List<RateLine> rates, String groupLabel, List<GroupRow> groups, List<CountBar> villages, List<CountBar> categories,
        List<OverdueCase> overdue, long overdueTotal) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The title the page, the PDF and the PDF's file name carry: 史官镇 2026年11月 党代表工作室诉求办理月报. */
    public String title() {
        return townName + (scopeName == null ? "" : " " + scopeName) + " " + month.getYear() + "年" + month.getMonthValue() + "月 党代表工作室诉求办理月报";
    }

    /** An instant as the town's clock shows it: 2026-12-01 09:30. */
    public String at(OffsetDateTime instant) {
        return instant.atZoneSameInstant(zone).format(MINUTES);
    }

    public YearMonth previousMonth() {
        return month.minusMonths(1);
    }

    /** One rate this month and the month before; {@code change} is this minus that, in percentage points. */
    public record RateLine(String label, Charts.Point now, Charts.Point before) {
        public String change() {
            if (now.value() == null || before.value() == null) {
                return "—";
            }
            BigDecimal points = now.value().subtract(before.value()).movePointRight(2).setScale(1, RoundingMode.HALF_UP);
            return (points.signum() > 0 ? "+" : "") + points + " 个百分点";
        }
    }

    /** A workstation's or representative's row: the cases registered and the four rates. */
    public record GroupRow(String name, long registered, List<Charts.Point> rates) {
    }

    /** A village's or category's cases, and the bar's length against the largest group. */
    public record CountBar(String name, long registered, long largest) {
        public String width() {
            return largest == 0 ? "0%" : BigDecimal.valueOf(registered * 100).divide(BigDecimal.valueOf(largest), 1, RoundingMode.HALF_UP) + "%";
        }
    }

    /** A rate's bar length, as CSS: the rate itself, 0% when nothing was counted. */
    @TemplateExtension
    static String width(Charts.Point point) {
        return point.value() == null ? "0%" : point.value().movePointRight(2).setScale(1, RoundingMode.HALF_UP) + "%";
    }
}
