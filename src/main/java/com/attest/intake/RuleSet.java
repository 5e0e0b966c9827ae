package com.attest.intake;

import com.attest.incident.Category;
import com.attest.incident.Severity;
import com.attest.incident.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The classification rules in force, applied to one alert. A Defender score, when the alert carries one, gives
 * the policy's table severity; otherwise the first severity rule for the alert's source and severity word does.
 * Text rules then raise the alert when its title or type names one of their phrases (the policy's P1 examples by
 * default). The most severe result wins; the reason names every rule that decided it. Last, a keep rule whose phrases
 * the alert's type names (cost and budget, service health, resource health by default) records it as an alert that
 * opens no incident — unless a text rule matched it: the policy's examples always reach a person.
 */
public final class RuleSet {

    /** One rule, as the compliance lead edits it. {@code source} null means any source. */
    public record Rule(long id, String name, Source source, Kind kind, String pattern, Severity severity,
                       Category category, boolean enabled, int position) {

        public enum Kind { SEVERITY, TEXT, KEEP }

        boolean appliesTo(Source alertSource) {
            return enabled && (source == null || source == alertSource);
        }
    }

    /**
     * A rule with its phrases compiled; {@code ascii} holds them lower-cased when all are ASCII, so a text without
     * any of them as a substring is passed over without running the pattern (a whole-word match is a substring).
     */
    private record Compiled(Rule rule, Pattern text, List<String> ascii) {

        static Compiled of(Rule rule) {
            if (rule.kind() == Rule.Kind.SEVERITY) {
                return new Compiled(rule, null, null);
            }
            List<String> phrases = new ArrayList<>();
            for (String phrase : rule.pattern().split("\\|")) {
                String p = phrase.strip();
                if (!p.isEmpty()) {
                    phrases.add(p.toLowerCase(Locale.ROOT));
                }
            }
            boolean ascii = phrases.stream().allMatch(RuleSet::isAscii);
            return new Compiled(rule, phrases(rule.pattern()), ascii ? List.copyOf(phrases) : null);
        }

        /** Whether the phrases may be found in {@code text}, as {@code text.find()} would (false means never). */
        boolean mayFind(String text, boolean asciiText) {
            if (ascii == null || !asciiText) {
                return true;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            for (String phrase : ascii) {
                if (lower.contains(phrase)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    /**
     * The alert rule names of the notifications Azure sends when an action group is tested (the portal's end-to-end
     * proof of the detection pipeline asks for one): {@code test-metricAlertRule}, {@code test-logAlertRule-v2},
     * {@code test-ServiceHealthAlertRule}… They prove the pipeline; they are not incidents.
     */
    static final Pattern AZURE_TEST = Pattern.compile("test-[A-Za-z]*AlertRule(-v2)?", Pattern.CASE_INSENSITIVE);

    /** AlertService no severity rule recognises are treated as P3 until a responder classifies them. */
    static final Severity UNMATCHED = Severity.P3;

    private final List<Compiled> rules;

    public RuleSet(List<Rule> rules) {
        List<Compiled> compiled = new ArrayList<>();
        rules.stream().sorted(Comparator.comparingInt(Rule::position).thenComparingLong(Rule::id))
                .forEach(r -> compiled.add(Compiled.of(r)));
        this.rules = List.copyOf(compiled);
    }

    /** Phrases separated by '|', each matched case-insensitively as whole words; never a user-written regex. */
    public static Pattern phrases(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String phrase : pattern.split("\\|")) {
            String p = phrase.strip();
            if (!p.isEmpty()) {
                regex.append(regex.length() == 0 ? "" : "|").append("\\b").append(Pattern.quote(p)).append("\\b");
            }
        }
        return Pattern.compile(regex.length() == 0 ? "(?!)" : regex.toString(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public Classification classify(ReceivedAlert alert) {
        if (alert.source() == Source.AZURE_MONITOR && AZURE_TEST.matcher(alert.title()).matches()) {
            return new Classification(Severity.P4, Category.OTHER, "kept as an alert without an incident: '"
                    + alert.title() + "' is Azure's test notification of an action group", "Azure test notification");
        }
        Severity severity;
        String reason;
        Category category = null;
        if (alert.score() != null && alert.score() >= 1 && alert.score() <= 10) {
            severity = Severity.fromScore(alert.score());
            reason = "Defender score " + alert.score() + " gives " + severity + " (classification table)";
        } else {
            Compiled match = rules.stream()
                    .filter(c -> c.rule().kind() == Rule.Kind.SEVERITY && c.rule().appliesTo(alert.source())
                            && c.rule().pattern().strip().equalsIgnoreCase(alert.severityLabel()))
                    .findFirst().orElse(null);
            if (match == null) {
                severity = UNMATCHED;
                String given = alert.severityLabel().isBlank() ? "no severity given"
                        : "no rule for severity '" + alert.severityLabel() + "'";
                reason = given + ": " + UNMATCHED + " until classified";
            } else {
                severity = match.rule().severity();
                category = match.rule().category();
                reason = alert.severityLabel() + " gives " + severity + " (rule '" + match.rule().name() + "')";
            }
        }
        String text = (alert.title() + "\n" + alert.alertType()).toLowerCase(Locale.ROOT);
        boolean asciiText = isAscii(text);
        boolean textMatched = false;
        for (Compiled c : rules) {
            if (c.rule().kind() == Rule.Kind.TEXT && c.rule().appliesTo(alert.source())
                    && c.mayFind(text, asciiText) && c.text().matcher(text).find()) {
                textMatched = true;
                if (c.rule().severity().compareTo(severity) < 0) {
                    severity = c.rule().severity();
                    reason = reason + "; raised to " + severity + " by rule '" + c.rule().name() + "'";
                    category = c.rule().category() == null ? category : c.rule().category();
                } else if (category == null && c.rule().category() != null) {
                    category = c.rule().category();
                }
            }
        }
        if (!textMatched && !alert.alertType().isBlank()) {
            for (Compiled c : rules) {
                if (c.rule().kind() == Rule.Kind.KEEP && c.rule().appliesTo(alert.source())
                        && c.mayFind(alert.alertType(), isAscii(alert.alertType()))
                        && c.text().matcher(alert.alertType()).find()) {
                    return new Classification(c.rule().severity(), c.rule().category() == null ? Category.OTHER
                            : c.rule().category(), "kept as an alert without an incident: its type '"
                            + alert.alertType() + "' matches rule '" + c.rule().name() + "'", c.rule().name());
                }
            }
        }
        return new Classification(severity, category == null ? Category.OTHER : category, reason);
    }
}
