package cn.lianxin.cases.domain;

import cn.lianxin.cases.Case;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.staff.Caller;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A resident acting through their channel may rate their case, ask for it to be handled again, and nothing else. */
class PermissionsTest {

    @Test
    void shouldLetAResidentOnlyRateOrReopenTheirCase() {
        Case c = new Case();
        c.representativeId = 7L;
        Caller resident = Caller.resident(UUID.randomUUID(), "短信 138****8000");

        Set<CommandKind> allowed = EnumSet.noneOf(CommandKind.class);
        for (CommandKind command : CommandKind.values()) {
            if (Permissions.permits(resident, c, command)) {
                allowed.add(command);
            }
        }
        assertThat(allowed).containsExactly(CommandKind.RECORD_FEEDBACK, CommandKind.REOPEN);
    }
}
