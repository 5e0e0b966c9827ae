package com.attest.intake;

import com.attest.incident.Source;
import com.attest.platform.InvalidInput;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads inbound alert webhooks: {@link #read} turns the request body into JSON within fixed limits,
 * {@link #parse} reads that JSON into a {@link ReceivedAlert} by its source's schema. Both refuse only with
 * {@link InvalidInput}: {@code read} under the field {@code body}, {@code parse} under the JSON path of the
 * offending member (such as {@code data.essentials.alertId} or {@code object.properties.title}).
 */
public final class AlertPayloads {

    /** The largest body read, in bytes. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** The deepest nesting of arrays and objects, the top-level object being level 1. */
    public static final int MAX_DEPTH = StrictJson.MAX_DEPTH;
    /** The most values (objects, arrays, strings, numbers, literals) in one body. */
    public static final int MAX_VALUES = StrictJson.MAX_VALUES;

    private AlertPayloads() {
    }

    /**
     * Reads a request body as one JSON object. Refuses a body that is empty, larger than 256 KiB, not UTF-8,
     * not JSON, not an object at the top, nested deeper than 32 levels, of more than 10,000 values, with a number
     * over 100 characters, with a member name twice in one object, or with U+0000 or an unpaired surrogate in any
     * string. A leading byte order mark is skipped.
     *
     * @throws InvalidInput with the field {@code body}, whatever the bytes
     */
    public static JsonObject read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInput("body", "is empty");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new InvalidInput("body", String.format(Locale.ROOT, "is %,d bytes; at most %,d",
                    body.length, MAX_BODY_BYTES));
        }
        String text = decode(body);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new InvalidInput("body", "is empty");
        }
        return (JsonObject) StrictJson.read(text, "body", true);
    }

    /**
     * Reads an alert out of a payload {@link #read} accepted, by the schema of its source.
     *
     * @param now the receiving clock; a fired time more than five minutes after it is refused
     * @throws InvalidInput naming every offending member by its JSON path
     * @throws IllegalArgumentException for {@link Source#MANUAL}, which sends no payloads
     */
    public static ReceivedAlert parse(Source source, JsonObject json, Instant now) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(now, "now");
        return switch (Objects.requireNonNull(source, "source")) {
            case AZURE_MONITOR -> MonitorPayload.read(json, now);
            case DEFENDER -> DefenderPayload.read(json, now);
            case SENTINEL -> SentinelPayload.read(json, now);
            case MANUAL -> throw new IllegalArgumentException("Manual incidents arrive by form, not by payload.");
        };
    }

    private static String decode(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError() && !result.isOverflow()) {
            result = decoder.flush(out);
        }
        if (result.isError() || result.isOverflow()) {
            throw new InvalidInput("body", "is not valid UTF-8 (at byte offset " + in.position() + ")");
        }
        return out.flip().toString();
    }
}
