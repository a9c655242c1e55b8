package cn.lianxin.stats;

import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.DeadlineKind;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An open case with a deadline passed and its step not done (督办). {@code deadline} is the earliest missed one,
 * the one it is overdue by; {@code missed} lists every missed one, earliest first. How long: elapsed minutes
 * since {@code dueAt}, and working days from the due day to today (0 on the due day itself).
 */
public record OverdueCase(UUID caseId, String number, CaseState state, Long workstationId, String workstationName,
        Long representativeId, String representativeName, DeadlineKind deadline, String deadlineLabel, OffsetDateTime dueAt,
        long overdueMinutes, int overdueWorkingDays, List<DeadlineKind> missed) {
}
