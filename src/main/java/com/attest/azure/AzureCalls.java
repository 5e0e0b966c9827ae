package com.attest.azure;

import com.azure.core.management.exception.ManagementException;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * How every Azure action's call is made: recorded into the run's call log, each step's failure turned into an
 * {@link AzureFailure} that says what was being done (or, for a read that may find nothing, a 404 into null), and the
 * small JSON of a resource's state before and after.
 */
final class AzureCalls {

    private AzureCalls() {
    }

    static String requireName(Pattern pattern, String value, String what) {
        if (value == null || !pattern.matcher(value.strip()).matches()) {
            throw new IllegalArgumentException("Not " + what + ": " + value);
        }
        return value.strip();
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws AzureFailure;
    }

    /** Runs an action with its log receiving the exchanges. */
    static ActionResult recorded(CallLog log, Work<ActionResult> work) throws AzureFailure {
        try {
            return CallRecording.with(log, (Callable<ActionResult>) work::run);
        } catch (AzureFailure | IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw AzureFailures.map("Azure action", e);
        }
    }

    /** One call to Azure: whatever it throws becomes an {@link AzureFailure} saying what was being done. */
    static <T> T step(String doing, Callable<T> call) throws AzureFailure {
        try {
            return call.call();
        } catch (AzureFailure e) {
            throw e;
        } catch (Exception e) {
            throw AzureFailures.map(doing, e);
        }
    }

    /** As {@link #step}, null when Azure answers 404. */
    static <T> T optional(String doing, Callable<T> call) throws AzureFailure {
        try {
            return call.call();
        } catch (ManagementException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return null;
            }
            throw AzureFailures.map(doing, e);
        } catch (Exception e) {
            AzureFailure failure = AzureFailures.map(doing, e);
            if (failure.status() == 404) {
                return null;
            }
            throw failure;
        }
    }

    /** A small JSON object for before/after state; null values are written as null. */
    static String json(java.util.function.Consumer<Fields> fields) {
        Fields f = new Fields();
        fields.accept(f);
        return f.builder.build().toString();
    }

    static final class Fields {
        private final JsonObjectBuilder builder = Json.createObjectBuilder();

        Fields add(String name, Object value) {
            if (value == null) {
                builder.addNull(name);
            } else if (value instanceof Boolean b) {
                builder.add(name, b);
            } else if (value instanceof Integer i) {
                builder.add(name, i);
            } else if (value instanceof JsonValue v) {
                builder.add(name, v);
            } else {
                builder.add(name, value.toString());
            }
            return this;
        }
    }
}
