package com.attest.oncall;

/** A channel that reaches the on-call person. Implementations are thread-safe and reuse one HTTP client. */
public interface OnCallChannel {

    /** Which kind of channel this is. */
    Channel channel();

    /**
     * Delivers one message, once: no retries here.
     *
     * @throws DeliveryFailed when the channel did not accept it; {@link DeliveryFailed#retryable()} tells whether
     *                        sending the same message later can succeed
     */
    Delivery send(OnCallMessage message) throws DeliveryFailed;
}
