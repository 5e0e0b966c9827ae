package com.attest.customernotice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders a notice template may use, written {@code {{name}}} (spaces inside the braces allowed). A
 * template with an unknown placeholder or an unclosed {@code {{} is refused when it is saved, so a draft never
 * carries text that could not be filled.
 */
public final class Placeholders {

    /** Every placeholder with what it becomes, in the order the templates page lists them. */
    public static final Map<String, String> KNOWN;

    static {
        Map<String, String> known = new LinkedHashMap<>();
        known.put("incident.reference", "the incident's reference, e.g. INC-2026-014");
        known.put("incident.title", "the incident's title");
        known.put("incident.severity", "its severity, P1 to P4");
        known.put("customer.name", "the customer's name (several joined with commas)");
        known.put("customer.agreement", "the customer's agreement or DPA reference");
        known.put("detected", "when the incident was detected (UTC)");
        known.put("determined", "when it was determined to involve personal data or to affect customers");
        known.put("deadline", "by when customers must be told");
        known.put("summary", "the incident's description");
        KNOWN = java.util.Collections.unmodifiableMap(known);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private Placeholders() {
    }

    /** What is wrong with a template text, one sentence each; empty when every placeholder is known. */
    public static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (!KNOWN.containsKey(m.group(1))) {
                unknown.add(m.group(1));
            }
            rest.append(text, last, m.start()).append(' ');
            last = m.end();
        }
        rest.append(text.substring(last));
        for (String name : unknown) {
            problems.add("Unknown placeholder {{" + name + "}}: the placeholders are "
                    + String.join(", ", KNOWN.keySet().stream().map(k -> "{{" + k + "}}").toList()) + ".");
        }
        if (rest.indexOf("{{") >= 0 || rest.indexOf("}}") >= 0) {
            problems.add("A placeholder is not closed: write it as {{name}}.");
        }
        return problems;
    }

    /** The placeholders a text uses, in order of first use. */
    public static Set<String> used(String text) {
        Set<String> used = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            used.add(m.group(1));
        }
        return used;
    }

    /**
     * The text with every placeholder replaced by its value (an absent value becomes empty).
     *
     * @throws IllegalArgumentException when the text has a problem (see {@link #problems})
     */
    public static String render(String text, Map<String, String> values) {
        List<String> problems = problems(text);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", problems));
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
