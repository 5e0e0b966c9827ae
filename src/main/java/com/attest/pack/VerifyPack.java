package com.attest.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies evidence-pack ZIPs from the command line, without the portal:
 * {@code java -cp "target/attest/WEB-INF/classes:target/attest/WEB-INF/lib/*" com.attest.pack.VerifyPack
 * --cert <sha256> pack.zip}. {@code --cert} names the SHA-256 fingerprint of the organisation's signing certificate
 * (the packs page shows it): a PDF signed with any other certificate is then not intact. Without it everything else
 * is checked, and the signer's subject and fingerprint are printed for a person to compare. Prints each finding and
 * the signature's state; exits 0 when intact, 1 when not, 2 on bad input.
 */
public final class VerifyPack {

    private static final String USAGE = "usage: VerifyPack [--cert <sha256 of the organisation's certificate>]"
            + " <pack.zip>...";

    private VerifyPack() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Verifies the packs {@code args} name; answers the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String cert = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--cert")) {
                if (i + 1 >= args.length) {
                    err.println(USAGE);
                    return 2;
                }
                try {
                    cert = PackVerifier.fingerprint(args[++i]);
                } catch (IllegalArgumentException e) {
                    err.println(e.getMessage());
                    return 2;
                }
            } else {
                files.add(args[i]);
            }
        }
        if (files.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        int status = 0;
        for (String file : files) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                PackVerifier.Report report = PackVerifier.verify(in, cert);
                out.println(file + ": " + (report.intact() ? "INTACT" : "NOT INTACT") + " ("
                        + report.filesChecked() + " files checked)");
                report.findings().forEach(f -> out.println("  " + (f.coded()
                        ? f.problem().toUpperCase() + ": " + f.path() : f.path() + ": " + f.problem())));
                out.println("  " + report.signature().sentence());
                SignatureCheck signature = report.signature();
                if (!report.signerCompared() && signature.certificateSha256() != null) {
                    out.println("  SIGNER NOT CHECKED: the signer was not compared with the organisation's"
                            + " certificate (no --cert given). Compare it yourself:");
                    out.println("    subject " + signature.signer());
                    out.println("    SHA-256 " + signature.certificateSha256());
                } else if (report.signerCompared() && cert.equals(signature.certificateSha256())) {
                    out.println("  Signed with the expected certificate (SHA-256 " + cert + ").");
                }
                status = Math.max(status, report.intact() ? 0 : 1);
            } catch (IllegalArgumentException e) {
                out.println(file + ": " + e.getMessage());
                status = 2;
            } catch (IOException e) {
                out.println(file + ": cannot be read: " + e.getMessage());
                status = 2;
            }
        }
        return status;
    }
}
