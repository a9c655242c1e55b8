package cn.lianxin.cases.domain;

/** What the rules of the six steps read of a case to decide whether a command may be given ({@link Transitions}). */
public interface CaseFacts {

    String number();

    CaseState state();

    /** The representative the case is with; null while it waits in the dispatch queue. */
    Long representativeId();

    boolean awaitingInstruction();

    Feedback feedback();

    /** The current reply reached the resident (its message was sent or delivered). */
    boolean replyDelivered();

    /** The resident was asked for feedback: a rating, a revisit, or a delivered feedback prompt. */
    boolean feedbackAttempted();
}
