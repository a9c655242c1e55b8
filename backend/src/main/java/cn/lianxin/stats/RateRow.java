package cn.lianxin.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The counts behind the four rates of one group of cases (a workstation, a representative, a village, a
 * category, or all of them), and the rates themselves: numerator ÷ denominator to 4 decimal places, null when
 * the denominator is 0. {@code id} and {@code name} are null in the total row and in the row of cases that
 * have no value for the dimension (not yet placed with a workstation or representative). Beside the four rates, the
 * revisit's two (issue 14): {@code revisitCoverage} = archived cases revisited (resident reached) ÷ archived, and
 * {@code carriedOutRate} (落实率) = revisits that found the matter carried out ÷ revisits that reached the resident.
 */
public record RateRow(Long id, String name, long registered, long signedFor, long replied, long onTimeNumerator,
        long onTimeDenominator, long rated, long satisfied, BigDecimal responseRate, BigDecimal onTimeRate,
        BigDecimal resolutionRate, BigDecimal satisfactionRate, long archived, long archivedRevisited, long revisited,
        long carriedOut, BigDecimal revisitCoverage, BigDecimal carriedOutRate) {

    /** The counts of the case figures and of the revisits, in the order of the record. */
    record Counts(long registered, long signedFor, long replied, long onTime, long onTimeOf, long rated, long satisfied,
            long archived, long archivedRevisited, long revisited, long carriedOut) {
    }

    static RateRow of(Long id, String name, Counts c) {
        return new RateRow(id, name, c.registered(), c.signedFor(), c.replied(), c.onTime(), c.onTimeOf(), c.rated(), c.satisfied(),
                ratio(c.signedFor(), c.registered()), ratio(c.onTime(), c.onTimeOf()), ratio(c.replied(), c.registered()),
                ratio(c.satisfied(), c.rated()), c.archived(), c.archivedRevisited(), c.revisited(), c.carriedOut(),
                ratio(c.archivedRevisited(), c.archived()), ratio(c.carriedOut(), c.revisited()));
    }

    static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0 ? null : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }
}
