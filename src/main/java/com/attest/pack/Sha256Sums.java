package com.attest.pack;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code SHA256SUMS} file of a pack, in the format {@code sha256sum} writes and {@code sha256sum -c} checks:
 * one line per file, the hex digest, two spaces (text mode), the path relative to the archive's root.
 */
public final class Sha256Sums {

    public static final String NAME = "SHA256SUMS";

    private Sha256Sums() {
    }

    public static byte[] write(Map<String, String> digests) {
        StringBuilder sb = new StringBuilder();
        digests.forEach((path, sha) -> sb.append(sha).append("  ").append(path).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Path → digest, in file order; a line that is not "digest, space, space or asterisk, path" is refused. */
    public static Map<String, String> read(byte[] file) {
        Map<String, String> digests = new LinkedHashMap<>();
        int number = 0;
        for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 67 || !line.substring(0, 64).matches("[0-9a-fA-F]{64}") || line.charAt(64) != ' '
                    || (line.charAt(65) != ' ' && line.charAt(65) != '*')) {
                throw new IllegalArgumentException(NAME + " line " + number + " is not '<sha256>  <file>'.");
            }
            digests.put(line.substring(66).stripTrailing(), line.substring(0, 64).toLowerCase());
        }
        return digests;
    }
}
