package cn.lianxin.console;

import cn.lianxin.cases.Figure;
import cn.lianxin.stats.RateRow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The data a chart on a console page draws, as console.js reads it from the container's {@code data-chart-data}:
 * one label per group, one series per figure, and per point its value, the numerator and denominator it was made
 * of, and the case list that is behind it. Drawing (ECharts options, tooltips, clicks) is console.js's.
 */
public final class Charts {

    public enum Kind { BARS, LINES }

    public record Point(BigDecimal value, long numerator, long denominator, String link) {
        /** A rate as the tables show it: 87.5%, or — when nothing was counted. */
        public String percent() {
            return value == null ? "—" : value.movePointRight(2).setScale(1, RoundingMode.HALF_UP) + "%";
        }
    }

    public record Series(String name, List<Point> points) {
    }

    public record Chart(Kind kind, boolean percent, List<String> labels, List<Series> series) {
        public String json(ObjectMapper mapper) {
            try {
                return mapper.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One of the four rates: its name, how a row gives it, and which cases its denominator counts. */
    public enum Rate {
        RESPONSE("响应率", RateRow::signedFor, RateRow::registered, RateRow::responseRate, null),
        ON_TIME("按时率", RateRow::onTimeNumerator, RateRow::onTimeDenominator, RateRow::onTimeRate, Figure.ON_TIME_COUNTED),
        RESOLUTION("解决率", RateRow::replied, RateRow::registered, RateRow::resolutionRate, null),
        SATISFACTION("满意率", RateRow::satisfied, RateRow::rated, RateRow::satisfactionRate, Figure.RATED);

        public final String label;
        private final Function<RateRow, Long> numerator;
        private final Function<RateRow, Long> denominator;
        private final Function<RateRow, BigDecimal> rate;
        /** The cases behind the rate's bar: its denominator (null: every case registered). */
        public final Figure population;

        Rate(String label, Function<RateRow, Long> numerator, Function<RateRow, Long> denominator,
                Function<RateRow, BigDecimal> rate, Figure population) {
            this.label = label;
            this.numerator = numerator;
            this.denominator = denominator;
            this.rate = rate;
            this.population = population;
        }

        public long numerator(RateRow row) {
            return numerator.apply(row);
        }

        public long denominator(RateRow row) {
            return denominator.apply(row);
        }

        public BigDecimal rate(RateRow row) {
            return rate.apply(row);
        }
    }

    private Charts() {
    }

    /**
     * The four rates over {@code rows}; {@code link} gives the case list of one row and one rate.
     */
    public static Chart rates(Kind kind, List<String> labels, List<RateRow> rows, LinkOf link) {
        List<Series> series = new ArrayList<>();
        for (Rate rate : Rate.values()) {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                RateRow row = rows.get(i);
                points.add(new Point(rate.rate(row), rate.numerator(row), rate.denominator(row), link.of(i, rate.population)));
            }
            series.add(new Series(rate.label, points));
        }
        return new Chart(kind, true, labels, series);
    }

    /** How many cases were registered per group, each group's share of all. */
    public static Chart registered(List<RateRow> rows, long total, LinkOf link) {
        List<Point> points = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            RateRow row = rows.get(i);
            labels.add(row.name() == null ? "未定" : row.name());
            points.add(new Point(BigDecimal.valueOf(row.registered()), row.registered(), total, link.of(i, null)));
        }
        return new Chart(Kind.BARS, false, labels, List.of(new Series("登记件数", points)));
    }

    /** The case list behind the {@code index}th group, narrowed to {@code figure} (null: every case). */
    @FunctionalInterface
    public interface LinkOf {
        String of(int index, Figure figure);
    }
}
