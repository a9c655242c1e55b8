package cn.lianxin.cases.domain;

/** A case command refused for a reason the caller can act on; no stack trace, it is an answer, not a fault. */
public class CaseRejected extends RuntimeException {

    private final transient Rejection rejection;

    public CaseRejected(Rejection rejection) {
        super(rejection.toString(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
