package cn.lianxin.broadcasts.domain;

/** What the rules read of a broadcast. */
public interface BroadcastFacts {

    BroadcastState state();

    /** The office account that wrote it. */
    String author();
}
