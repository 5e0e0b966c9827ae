package com.attest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The sample alert payloads of every shape (src/test/resources/intake), byte for byte. */
public final class AlertSamples {

    private AlertSamples() {
    }

    /** The sample {@code name}, e.g. {@code monitor/metric-fired.json}. */
    public static byte[] read(String name) {
        try (InputStream in = AlertSamples.class.getResourceAsStream("/intake/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
