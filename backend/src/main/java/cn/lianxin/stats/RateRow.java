package cn.lianxin.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The counts behind the four rates of one group of cases (a workstation, a representative, a village, a
 * category, or all of them), and the rates themselves: numerator ÷ denominator to 4 decimal places, null when
 * the denominator is 0. {@code id} and {@code name} are null in the total row and in the row of cases that
 * have no value for the dimension (not yet placed with a workstation or representative).
 */
public record RateRow(Long id, String name, long registered, long signedFor, long replied, long onTimeNumerator,
        long onTimeDenominator, long rated, long satisfied, BigDecimal responseRate, BigDecimal onTimeRate,
        BigDecimal resolutionRate, BigDecimal satisfactionRate) {

    static RateRow of(Long id, String name, long registered, long signedFor, long replied, long onTime, long onTimeOf,
            long rated, long satisfied) {
        return new RateRow(id, name, registered, signedFor, replied, onTime, onTimeOf, rated, satisfied,
                ratio(signedFor, registered), ratio(onTime, onTimeOf), ratio(replied, registered), ratio(satisfied, rated));
    }

    static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0 ? null : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }
}
