package cn.lianxin.sms.keywords;

/** A resident's answer to "回复1满意 2基本满意 3不满意"; the backend maps it onto the case's feedback. */
public enum Rating {
    SATISFIED,
    BASICALLY_SATISFIED,
    UNSATISFIED
}
