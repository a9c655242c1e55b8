package cn.lianxin.api;

/**
 * A refusal that passes with time (429 over a limit, 503 while busy): the problem says why, and the answer carries
 * Retry-After with the seconds until it is worth trying again ({@link ProblemMappers#retryLater}).
 */
public class RetryLater extends ApiException {

    private final long retryAfterSeconds;

    public RetryLater(Problem problem, long retryAfterSeconds) {
        super(problem);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
