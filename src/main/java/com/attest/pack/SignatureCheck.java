package com.attest.pack;

import java.io.Serializable;
import java.time.Instant;

/**
 * What a PDF's signature says: whether there is one, whether it is mathematically valid (the signed bytes are the
 * bytes signed), whether it covers the whole document (nothing was appended after signing), who signed and when.
 */
public record SignatureCheck(boolean signed, boolean valid, boolean coversWholeDocument, String signer,
                             String certificateSha256, Instant signedAt, String problem) implements Serializable {

    /** Signed, valid and covering every byte. */
    public boolean ok() {
        return signed && valid && coversWholeDocument;
    }

    /** One sentence a person reads. */
    public String sentence() {
        if (!signed) {
            return "Not signed" + (problem == null ? "." : ": " + problem);
        }
        if (!valid) {
            return "Signature INVALID: the document was changed after it was signed"
                    + (problem == null ? "." : " (" + problem + ").");
        }
        if (!coversWholeDocument) {
            return "Signature valid, but it does not cover the whole document: something was added after signing.";
        }
        return "Signature valid and covers the whole document; signed by " + signer + ".";
    }

    static SignatureCheck unsigned(String problem) {
        return new SignatureCheck(false, false, false, null, null, null, problem);
    }
}
