package cn.lianxin.staff;

import cn.lianxin.api.Problem;
import cn.lianxin.api.RetryLater;

/**
 * A sign-in refused before its password was checked: too many from one address or for one username (429), or the
 * hashing pool is full (503). Either carries the seconds until it is worth trying again, for Retry-After.
 */
public class LoginThrottled extends RetryLater {

    private LoginThrottled(Problem problem, long retryAfterSeconds) {
        super(problem, retryAfterSeconds);
    }

    static LoginThrottled tooMany(long retryAfterSeconds) {
        return new LoginThrottled(Problem.of(429, "Too many requests",
                "登录尝试太频繁，请稍后再试 (too many sign-in attempts; try again later)."), retryAfterSeconds);
    }

    static LoginThrottled busy() {
        return new LoginThrottled(Problem.of(503, "Service unavailable",
                "登录繁忙，请稍后再试 (too many sign-ins at once; try again in a moment)."), 1);
    }
}
