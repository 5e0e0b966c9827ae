package com.attest.runbook;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of evidence file the portal accepts, recognised by their content, not their name: a file must be
 * what its extension says (an executable renamed to .pdf is refused), and is served back as the kind it is.
 */
public enum FileKind {
    PDF("application/pdf", List.of("pdf")),
    PNG("image/png", List.of("png")),
    JPEG("image/jpeg", List.of("jpg", "jpeg")),
    GIF("image/gif", List.of("gif")),
    ZIP("application/zip", List.of("zip", "docx", "xlsx", "pptx")),
    TEXT("text/plain; charset=utf-8", List.of("txt", "log", "csv", "json", "md"));

    private final String contentType;
    private final List<String> extensions;

    FileKind(String contentType, List<String> extensions) {
        this.contentType = contentType;
        this.extensions = extensions;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<FileKind> ofExtension(String filename) {
        int dot = filename.lastIndexOf('.');
        String ext = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.extensions.contains(ext)).findFirst();
    }

    /** Largest evidence file accepted. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    /** A file name as kept: no path separators or control characters, stripped. */
    public static String cleanName(String raw) {
        return raw == null ? "" : raw.replaceAll("[\\\\/]", "_").replaceAll("\\p{Cntrl}", "").strip();
    }

    /**
     * Checks an uploaded evidence file (its name cleaned first): not empty, at most 10 MB, a kind we accept by its
     * name, and content that is what the name says. Problems are added to {@code errors} under "file".
     *
     * @return the file's kind, or null when refused
     */
    public static FileKind check(String name, byte[] body, com.attest.platform.InvalidInput.Collector errors) {
        int before = errors.size();
        if (body == null || body.length == 0) {
            errors.add("file", "Choose a file: it is empty.");
        } else if (body.length > MAX_BYTES) {
            errors.add("file", "The file is larger than 10 MB, the most accepted.");
        }
        if (name.isEmpty() || name.length() > 255) {
            errors.add("file", "The file needs a name of at most 255 characters.");
        }
        FileKind kind = name.isEmpty() ? null : ofExtension(name).orElse(null);
        if (!name.isEmpty() && kind == null) {
            errors.add("file", "'" + name + "': only PDF, PNG, JPEG, GIF, ZIP (also .docx, .xlsx) and text files"
                    + " (.txt, .log, .csv, .json, .md) are accepted.");
        }
        if (kind != null && body != null && body.length > 0 && body.length <= MAX_BYTES) {
            Sniffed sniffed = sniff(body);
            if (sniffed.kind() != kind) {
                errors.add("file", "'" + name + "' is named as " + kind.name() + " but its content is "
                        + (sniffed.kind() != null ? sniffed.kind().name() : sniffed.otherwise()) + ": refused.");
            }
        }
        return errors.size() == before ? kind : null;
    }

    /** What the bytes are, or a description of what they are when it is none of ours (e.g. "a Windows program"). */
    public static Sniffed sniff(byte[] b) {
        if (starts(b, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return new Sniffed(PDF, null);
        }
        if (starts(b, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return new Sniffed(PNG, null);
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return new Sniffed(JPEG, null);
        }
        if (starts(b, 0x47, 0x49, 0x46, 0x38)) {
            return new Sniffed(GIF, null);
        }
        if (starts(b, 0x50, 0x4B, 0x03, 0x04) || starts(b, 0x50, 0x4B, 0x05, 0x06)) {
            return new Sniffed(ZIP, null);
        }
        if (starts(b, 0x4D, 0x5A)) {
            return new Sniffed(null, "a Windows program");
        }
        if (starts(b, 0x7F, 0x45, 0x4C, 0x46)) {
            return new Sniffed(null, "a Linux program");
        }
        if (starts(b, 0xCF, 0xFA, 0xED, 0xFE) || starts(b, 0xCA, 0xFE, 0xBA, 0xBE)) {
            return new Sniffed(null, "a macOS program or Java class");
        }
        if (starts(b, 0x23, 0x21)) {
            return new Sniffed(null, "a script");
        }
        return isText(b) ? new Sniffed(TEXT, null) : new Sniffed(null, "binary data of an unknown kind");
    }

    /** The result of looking at the bytes: a kind we accept, or what it is instead. */
    public record Sniffed(FileKind kind, String otherwise) {
    }

    private static boolean isText(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
