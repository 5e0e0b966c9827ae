package com.attest.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Verifies evidence-pack ZIPs from the command line, without the portal:
 * {@code java -cp "target/attest/WEB-INF/classes:target/attest/WEB-INF/lib/*" com.attest.pack.VerifyPack pack.zip}.
 * Prints each altered, missing or extra file and the signature's state; exits 0 when intact, 1 when not, 2 on
 * bad input.
 */
public final class VerifyPack {

    private VerifyPack() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: VerifyPack <pack.zip>...");
            System.exit(2);
        }
        int status = 0;
        for (String arg : args) {
            try (InputStream in = Files.newInputStream(Path.of(arg))) {
                PackVerifier.Report report = PackVerifier.verify(in);
                System.out.println(arg + ": " + (report.intact() ? "INTACT" : "NOT INTACT") + " ("
                        + report.filesChecked() + " files checked)");
                report.findings().forEach(f -> System.out.println("  " + f.problem().toUpperCase() + ": " + f.path()));
                System.out.println("  " + report.signature().sentence());
                status = Math.max(status, report.intact() ? 0 : 1);
            } catch (IllegalArgumentException e) {
                System.out.println(arg + ": " + e.getMessage());
                status = 2;
            } catch (IOException e) {
                System.out.println(arg + ": cannot be read: " + e.getMessage());
                status = 2;
            }
        }
        System.exit(status);
    }
}
