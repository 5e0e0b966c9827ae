package com.attest.dev;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person starting the portal with {@code mvn -Prun} reads: the portal's own lines (the database, the first
 * password, what the portal says while it starts and runs), errors, and the address once it answers — not the
 * application server's hundreds of start-up lines. Everything Payara Micro writes goes to a log file beside it.
 */
final class ServerConsole {

    /** A record of Payara's log format: time, level, logger, …, the level's value, the message. */
    private static final Pattern RECORD = Pattern.compile(
            "^\\[(\\d{4}-\\d\\d-\\d\\dT(\\d\\d:\\d\\d:\\d\\d))[^\\]]*\\] \\[[^\\]]*\\] \\[(\\w+)\\] \\[[^\\]]*\\] "
                    + "\\[([^\\]]*)\\] \\[tid:[^\\]]*\\] \\[timeMillis:[^\\]]*\\] \\[levelValue: (\\d+)\\] ?(.*)$");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern READY = Pattern.compile("ready in ([0-9,]+) \\(ms\\)");
    private static final int SEVERE = 1000;

    private final PrintStream console;
    private final String address;
    private final long started;
    /** Whether the record being read is shown, and whether its message goes on over the next lines. */
    private boolean shownRecord;
    private boolean inRecord;
    /** A line of a record's message that ends in ]], held until the next line says whether it ends the record. */
    private String ending;

    ServerConsole(PrintStream console, String address, long started) {
        this.console = console;
        this.address = address;
        this.started = started;
    }

    /** Copies {@code output} to {@code log} and shows what a person needs, on a thread of its own. */
    static Thread follow(InputStream output, Path log, PrintStream console, String address, long started) {
        ServerConsole filter = new ServerConsole(console, address, started);
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
                 Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    file.write(line);
                    file.write('\n');
                    file.flush();
                    filter.accept(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "attest-console");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void show(String recordLine) {
        if (shownRecord && !recordLine.isBlank()) {
            console.println(recordLine);
        }
    }

    private void continueRecord(String line) {
        if (line.endsWith("]]")) {
            ending = line;
        } else {
            show(line);
        }
    }

    /** Takes one line of Payara's output and shows it, or not. */
    void accept(String raw) {
        String line = ANSI.matcher(raw).replaceAll("");
        if (inRecord) {
            // a message of several lines runs from [[ to a line ending in ]] after which, past blank lines, the
            // next record begins (a certificate's dump has lines ending in ]] and blank lines of its own)
            if (ending != null) {
                if (line.isBlank()) {
                    return;
                }
                boolean ended = RECORD.matcher(line).matches() || line.startsWith("====");
                show(ended ? ending.substring(0, ending.length() - 2) : ending);
                ending = null;
                if (!ended) {
                    continueRecord(line);
                    return;
                }
                inRecord = false; // and the line is read below, as the start of what follows
            } else {
                continueRecord(line);
                return;
            }
        }
        Matcher record = RECORD.matcher(line);
        if (record.matches()) {
            String logger = record.group(4);
            int level = Integer.parseInt(record.group(5));
            String message = record.group(6);
            inRecord = message.startsWith("[[") && !message.endsWith("]]");
            Matcher ready = READY.matcher(message);
            if (ready.find()) {
                shownRecord = false;
                console.printf("%nAttest is ready at %s (Payara Micro ready in %s ms, %d s since mvn started)%n%n",
                        address, ready.group(1), (System.currentTimeMillis() - started) / 1000);
                return;
            }
            shownRecord = logger.startsWith("com.attest") || level >= SEVERE;
            if (shownRecord) {
                String text = inRecord ? message.substring(2) : message;
                if (text.isBlank()) {
                    text = logger; // the message follows on the next lines
                }
                console.println(record.group(2) + " " + (level >= SEVERE ? record.group(3) + " " : "") + text);
            }
        } else if (!line.isBlank() && !line.startsWith("SLF4J")) {
            // the portal's own console lines (the first password); SLF4J saying it has no backend is not news
            console.println(line);
        }
    }
}
