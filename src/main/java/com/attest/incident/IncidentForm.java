package com.attest.incident;

import com.attest.platform.InvalidInput;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a person enters about an incident, and the rules it must meet. Field names match the form's
 * component ids. A severity that differs from the Defender score's needs a reason.
 */
public record IncidentForm(String title, String description, Category category, Severity severity,
                           Integer defenderScore, String severityReason, boolean personalData,
                           boolean customersAffected, Set<String> resources, Set<String> users) {

    private static final Pattern RESOURCE_ID = Pattern.compile("/subscriptions/[0-9A-Fa-f-]{36}(/[^/\\s]+/[^/\\s]+)*/?");
    private static final Pattern UPN = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** An Azure resource id (/subscriptions/<id>/…) as an incident may name it. */
    public static boolean isResourceId(String value) {
        return value.length() <= 1000 && RESOURCE_ID.matcher(value).matches();
    }

    /** A user principal name (name@domain) as an incident may name it. */
    public static boolean isUpn(String value) {
        return value.length() <= 320 && UPN.matcher(value).matches();
    }

    /** Trimmed; without a chosen severity, a valid Defender score gives the table's severity. */
    /** This form with another classification: what the incident holds, classified anew. */
    public IncidentForm classifiedAs(Severity newSeverity, Integer score, String reason) {
        return new IncidentForm(title, description, category, newSeverity, score, reason, personalData,
                customersAffected, resources, users);
    }

    /** {@code described}'s description with this form's classification: a change that leaves severity alone. */
    public IncidentForm describedAs(IncidentForm described) {
        return described.classifiedAs(severity, defenderScore, severityReason);
    }

    public IncidentForm normalized() {
        Severity classified = severity != null || defenderScore == null || defenderScore < 1 || defenderScore > 10
                ? severity : Severity.fromScore(defenderScore);
        return new IncidentForm(strip(title), strip(description), category, classified, defenderScore,
                strip(severityReason).isEmpty() ? null : strip(severityReason), personalData, customersAffected,
                cleaned(resources), cleaned(users));
    }

    /** Splits a text area's lines (or commas) into a set, dropping blanks. */
    public static Set<String> lines(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text != null) {
            for (String part : text.split("[\\r\\n,]+")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    void check(InvalidInput.Collector errors) {
        if (title.isEmpty()) {
            errors.add("title", "Title is required.");
        } else if (title.length() > 200) {
            errors.add("title", "Title must be at most 200 characters long.");
        }
        if (description.length() > 20_000) {
            errors.add("description", "Description must be at most 20,000 characters long.");
        }
        if (category == null) {
            errors.add("category", "Choose a category.");
        }
        if (defenderScore != null && (defenderScore < 1 || defenderScore > 10)) {
            errors.add("defenderScore", "A Defender score is 1 to 10, not " + defenderScore + ".");
        }
        if (severity == null) {
            errors.add("severity", "Choose a severity.");
        } else if (defenderScore != null && defenderScore >= 1 && defenderScore <= 10
                && Severity.fromScore(defenderScore) != severity && severityReason == null) {
            errors.add("severityReason", "Score " + defenderScore + " means " + Severity.fromScore(defenderScore)
                    + "; say why this incident is " + severity + ".");
        }
        if (severityReason != null && severityReason.length() > 1000) {
            errors.add("severityReason", "Reason must be at most 1,000 characters long.");
        }
        for (String resource : resources) {
            if (!isResourceId(resource)) {
                errors.add("resources", "'" + abbreviate(resource) + "' is not an Azure resource id"
                        + " (expected /subscriptions/<id>/resourceGroups/…).");
                break;
            }
        }
        for (String user : users) {
            if (!isUpn(user)) {
                errors.add("users", "'" + abbreviate(user) + "' is not a user principal name (name@domain).");
                break;
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static Set<String> cleaned(Set<String> values) {
        return values == null ? Set.of() : lines(String.join("\n", values == null ? List.of() : values));
    }
}
