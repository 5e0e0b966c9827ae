package com.attest.oncall;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A message the channel did not accept. The message is one line: what went wrong, the HTTP status and the remote
 * error text (at most {@value #MAX_REMOTE_TEXT} characters of it).
 * <p>
 * Retryable: no answer (connection failed, timed out), 408, 429 and 5xx. Not retryable: any other 4xx (bad key,
 * bad URL, refused content) and configuration errors.
 */
public class DeliveryFailed extends Exception {

    private static final long serialVersionUID = 1L;

    /** How much of the remote error text the message keeps. */
    public static final int MAX_REMOTE_TEXT = 500;

    private final boolean retryable;
    private final Integer httpStatus;
    private final Duration retryAfter;

    /**
     * @param message    one line; newlines and control characters are replaced by spaces
     * @param retryable  whether sending the same message later can succeed
     * @param httpStatus the status the remote end answered, or null when there was no answer
     * @param retryAfter how long the remote end asked to wait, or null
     * @param cause      the underlying failure, or null
     */
    public DeliveryFailed(String message, boolean retryable, Integer httpStatus, Duration retryAfter,
                          Throwable cause) {
        super(oneLine(message), cause);
        this.retryable = retryable;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /**
     * The remote end answered {@code status}: "{remote} answered HTTP {status}: {remoteText}".
     *
     * @param remote     who answered, e.g. "PagerDuty"
     * @param remoteText its error text, may be null
     * @param retryAfter its Retry-After, may be null
     */
    public static DeliveryFailed answered(String remote, int status, String remoteText, Duration retryAfter) {
        return answered(remote, status, remoteText, retryAfter, null);
    }

    static DeliveryFailed answered(String remote, int status, String remoteText, Duration retryAfter,
                                   Throwable cause) {
        String text = remoteText(remoteText);
        return new DeliveryFailed(remote + " answered HTTP " + status + (text.isEmpty() ? "" : ": " + text),
                retryableStatus(status), status, retryAfter, cause);
    }

    /** No answer came from {@code origin} (scheme, host and port): the connection failed or timed out. */
    public static DeliveryFailed unreachable(String remote, String origin, Throwable cause) {
        boolean timedOut = cause instanceof HttpTimeoutException || cause instanceof InterruptedIOException;
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new DeliveryFailed(remote + " at " + origin + (timedOut ? " did not answer in time: "
                : " could not be reached: ") + remoteText(detail), true, null, null, cause);
    }

    /** Whether sending again can help after the remote end answered {@code status}. */
    public static boolean retryableStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * Reads a Retry-After header: delay seconds or an HTTP date. Null when absent or unreadable; a date in the past
     * gives zero.
     */
    public static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait.withNanos(0);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** Whether sending the same message later can succeed. */
    public boolean retryable() {
        return retryable;
    }

    /** The status the remote end answered, or null when no answer came. */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** How long the remote end asked to wait (Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The outermost {@link IOException} among {@code failure} and its causes: the network's failure, or null. */
    static IOException networkFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    /** Remote text as one trimmed line of at most {@value #MAX_REMOTE_TEXT} characters; null gives "". */
    static String remoteText(String text) {
        if (text == null) {
            return "";
        }
        String line = oneLine(text);
        return line.length() <= MAX_REMOTE_TEXT ? line : line.substring(0, MAX_REMOTE_TEXT - 1) + "…";
    }

    private static String oneLine(String text) {
        return text == null ? null : text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }
}
