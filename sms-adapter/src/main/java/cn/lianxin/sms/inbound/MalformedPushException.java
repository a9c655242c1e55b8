package cn.lianxin.sms.inbound;

import java.util.Optional;

/**
 * A push body we cannot read: the backend answers 400 and stores nothing, so the batch stays visible in
 * Aliyun's console instead of being half-read. The message names the item and field at fault
 * ({@code SmsUp[2].phone_number}) but never repeats a value: a value may be a resident's phone number.
 */
public final class MalformedPushException extends RuntimeException {

    private final String location;

    MalformedPushException(String location, String problem) {
        super(location.isEmpty() ? problem : location + ": " + problem);
        this.location = location;
    }

    /** {@code SmsReport[0].success}, or empty when the body as a whole is at fault (not JSON, not an array). */
    public Optional<String> location() {
        return location.isEmpty() ? Optional.empty() : Optional.of(location);
    }
}
