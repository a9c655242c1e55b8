package cn.lianxin.broadcasts.domain;

import java.util.List;

/** Why a broadcast command was not carried out; the resource turns it into problem+json. */
public sealed interface Refusal {

    String why();

    /** Only the town office writes, approves and withdraws broadcasts; the sender alone starts and finishes them. */
    record NotPermitted(BroadcastCommand command, String why) implements Refusal {
    }

    /** The broadcast's state does not accept the command; what the caller may do instead. */
    record NotNow(BroadcastState state, String why, List<BroadcastCommand> allowed) implements Refusal {
    }

    /** 四眼原则: the author of a broadcast cannot approve it; a second office account must. */
    record OwnBroadcast(String author, String why) implements Refusal {
    }
}
