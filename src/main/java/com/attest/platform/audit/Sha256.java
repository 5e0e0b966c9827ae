package com.attest.platform.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: the one digest the portal uses for chains and evidence. */
public final class Sha256 {

    /** Copied for each digest: a copy costs less than asking the security providers for a new one each time. */
    private static final MessageDigest PROTOTYPE = lookUp();

    private Sha256() {
    }

    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(byte[] bytes) {
        return finish(digest(), bytes);
    }

    /** The digest of everything {@code in} still holds, read to its end (not closed). */
    public static String hex(InputStream in) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return finish(digest);
    }

    /** A fresh SHA-256 digest, for hashing while streaming (e.g. through a {@code DigestOutputStream}). */
    public static MessageDigest digest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp();
        }
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Completes {@code digest} (made by {@link #digest()}) and gives it as lower-case hex. */
    public static String finish(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String finish(MessageDigest digest, byte[] bytes) {
        digest.update(bytes);
        return finish(digest);
    }
}
