package com.attest.action;

import com.attest.platform.InvalidInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an action's parameters before anything leaves the portal: each value against its kind, resource ids
 * against the subscriptions configured here, workspaces against the configured list. Errors name the field as
 * {@code param.<name>}; all are collected, none is fixed silently.
 */
public final class ActionInputs {

    public static final int MAX_HOURS = 720;
    /** Azure SQL keeps point-in-time backups for at most 35 days. */
    public static final Duration SQL_RETENTION = Duration.ofDays(35);
    public static final String DEFAULT_QUARANTINE_NSG = "nsg-quarantine";
    /** The longest audit-log window collected at once. */
    public static final Duration MAX_AUDIT_WINDOW = Duration.ofDays(92);
    public static final Set<String> OUTCOMES = Set.of("succeeded", "partly succeeded", "failed");

    private static final Pattern GUID = Pattern.compile(ArmIds.GUID);
    private static final Pattern RESOURCE_GROUP = Pattern.compile(ArmIds.RESOURCE_GROUP);
    private static final Pattern NAME = Pattern.compile(ArmIds.NAME);
    private static final Pattern UPN = Pattern.compile(
            "[A-Za-z0-9_!#^~'+-]+(?:\\.[A-Za-z0-9_!#^~'+-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern VAULT = Pattern.compile("[A-Za-z](?!.*--)[A-Za-z0-9-]{1,22}[A-Za-z0-9]");
    private static final Pattern SECRET = Pattern.compile("[0-9A-Za-z-]{1,127}");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()-]{0,127}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,126}[A-Za-z0-9_])?");
    private static final Pattern RECOVERY_POINT = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** What the portal is configured with, and the time, against which values are checked. */
    public interface Context {
        boolean subscriptionConfigured(String subscriptionId);

        boolean workspaceConfigured(String workspaceId);

        String configuredSubscriptions();

        Instant now();
    }

    private ActionInputs() {
    }

    /**
     * The parameters as the action will use them (trimmed, defaults filled in), or errors in {@code errors}.
     * Values for names the action does not take are ignored.
     */
    public static Map<String, String> check(ActionType type, Map<String, String> raw, Context context,
                                            InvalidInput.Collector errors) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Param param : type.params()) {
            String value = raw == null ? null : raw.get(param.name());
            value = value == null ? "" : value.strip();
            String field = "param." + param.name();
            if (value.isEmpty()) {
                if (param.required()) {
                    errors.add(field, param.label() + " is required.");
                }
                continue;
            }
            String problem = problem(param, value, context);
            if (problem != null) {
                errors.add(field, param.label() + ": " + problem);
            } else {
                values.put(param.name(), canonical(param.kind(), value));
            }
        }
        if (type == ActionType.QUARANTINE_VM && values.containsKey("vm")) {
            values.putIfAbsent("nsgResourceGroup", ArmIds.match(ArmIds.VM, values.get("vm")).get().group(2));
            values.putIfAbsent("nsg", DEFAULT_QUARANTINE_NSG);
        }
        if (type == ActionType.COLLECT_ENTRA_AUDIT && values.containsKey("from") && values.containsKey("to")) {
            Instant from = Instant.parse(values.get("from"));
            Instant to = Instant.parse(values.get("to"));
            if (!from.isBefore(to)) {
                errors.add("param.to", "To: the window must end after it starts.");
            } else if (Duration.between(from, to).compareTo(MAX_AUDIT_WINDOW) > 0) {
                errors.add("param.to", "To: at most 92 days after the start; collect a longer period in parts.");
            }
        }
        if (type == ActionType.RESTORE_SQL_PIT && values.containsKey("database") && values.containsKey("target")
                && ArmIds.match(ArmIds.SQL_DATABASE, values.get("database")).get().group(4)
                .equalsIgnoreCase(values.get("target"))) {
            errors.add("param.target", "New database name: a restore creates a new database; choose a name other"
                    + " than the source's.");
        }
        return values;
    }

    private static String canonical(Param.Kind kind, String value) {
        return switch (kind) {
            case OBJECT_ID, WORKSPACE, SUBSCRIPTION -> value.toLowerCase(Locale.ROOT);
            case POINT_IN_TIME, MOMENT -> OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).toInstant()
                    .toString();
            case OUTCOME -> value.toLowerCase(Locale.ROOT);
            default -> value;
        };
    }

    /** What is wrong with {@code value}, in words, or null. */
    static String problem(Param param, String value, Context context) {
        return switch (param.kind()) {
            case VM_ID -> armId(ArmIds.VM, value, "a virtual machine", context);
            case NIC_ID -> armId(ArmIds.NIC, value, "a network interface", context);
            case NSG_ID -> armId(ArmIds.NSG, value, "a network security group", context);
            case SQL_DATABASE_ID -> armId(ArmIds.SQL_DATABASE, value, "an Azure SQL database", context);
            case RECOVERY_VAULT_ID -> armId(ArmIds.RECOVERY_VAULT, value, "a Recovery Services vault", context);
            case DEFENDER_ALERT_ID -> armId(ArmIds.DEFENDER_ALERT, value, "a Defender for Cloud alert", context);
            case SCOPE -> armId(ArmIds.SCOPE, value, "a subscription, resource group or resource scope", context);
            case RESOURCE_GROUP -> RESOURCE_GROUP.matcher(value).matches() ? null
                    : "'" + cut(value) + "' is not a resource group name (1 to 90 letters, digits, '-', '_', '.',"
                    + " '(' or ')', not ending in '.').";
            case RESOURCE_NAME -> NAME.matcher(value).matches() ? null
                    : "'" + cut(value) + "' is not a resource name (1 to 80 letters, digits, '-', '_' or '.').";
            case USER -> GUID.matcher(value).matches() || UPN.matcher(value).matches() && value.length() <= 113 ? null
                    : "'" + cut(value) + "' is neither a user principal name (name@domain) nor an object id;"
                    + " quotes, spaces, pipes and other query syntax are refused.";
            case OBJECT_ID -> GUID.matcher(value).matches() ? null
                    : "'" + cut(value) + "' is not an object id (a GUID such as 00000000-0000-0000-0000-000000000000).";
            case IP_ADDRESS -> ipAddress(value) ? null
                    : "'" + cut(value) + "' is not an IPv4 or IPv6 address.";
            case HOURS -> hours(value);
            case WORKSPACE -> context.workspaceConfigured(value.toLowerCase(Locale.ROOT)) ? null
                    : "'" + cut(value) + "' is not one of the Log Analytics workspaces configured here.";
            case SUBSCRIPTION -> context.subscriptionConfigured(value.toLowerCase(Locale.ROOT)) ? null
                    : unknownSubscription(value, context);
            case VAULT_NAME -> VAULT.matcher(value).matches() ? null
                    : "'" + cut(value) + "' is not a Key Vault name (3 to 24 letters, digits and single hyphens,"
                    + " starting with a letter).";
            case SECRET_NAME -> SECRET.matcher(value).matches() ? null
                    : "'" + cut(value) + "' is not a secret name (1 to 127 letters, digits and hyphens).";
            case ROLE_NAME -> ROLE.matcher(value).matches() ? null
                    : "'" + cut(value) + "' is not a role name (letters, digits, spaces, '.', '_', '-', brackets).";
            case DATABASE_NAME -> DATABASE.matcher(value).matches() ? null
                    : "'" + cut(value) + "' is not a database name (1 to 128 letters, digits, '-', '_' or '.').";
            case RECOVERY_POINT -> RECOVERY_POINT.matcher(value).matches() ? null
                    : "'" + cut(value) + "' is not a recovery point name (letters, digits, '-' and '_').";
            case POINT_IN_TIME -> pointInTime(value, context.now());
            case MOMENT -> moment(value, context.now());
            case COMMAND -> value.length() > 2000 ? "at most 2,000 characters." : value.indexOf('\0') >= 0
                    ? "contains a NUL character." : null;
            case HTTPS_URL -> httpsUrl(value);
            case OUTCOME -> OUTCOMES.contains(value.toLowerCase(Locale.ROOT)) ? null
                    : "'" + cut(value) + "' is not an outcome; choose succeeded, partly succeeded or failed.";
        };
    }

    private static String armId(Pattern kind, String value, String what, Context context) {
        Matcher m = kind.matcher(value);
        if (!m.matches()) {
            return "'" + cut(value) + "' is not the resource id of " + what + ".";
        }
        String subscription = m.group(1).toLowerCase(Locale.ROOT);
        return context.subscriptionConfigured(subscription) ? null : unknownSubscription(subscription, context);
    }

    private static String unknownSubscription(String subscription, Context context) {
        String configured = context.configuredSubscriptions();
        return "subscription " + cut(subscription) + " is not configured in this portal"
                + (configured.isEmpty() ? " (none is; see Azure settings)." : " (configured: " + configured + ").");
    }

    static boolean ipAddress(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (!IPV6_CHARS.matcher(value).matches() || value.indexOf(':') < 0) {
            return false;
        }
        try {
            // a literal with only hex digits, colons and dots: parsed, never looked up
            return java.net.InetAddress.getByName(value) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String hours(String value) {
        try {
            int h = Integer.parseInt(value);
            return h >= 1 && h <= MAX_HOURS ? null : "a whole number of hours from 1 to " + MAX_HOURS + ".";
        } catch (NumberFormatException e) {
            return "'" + cut(value) + "' is not a whole number of hours (1 to " + MAX_HOURS + ").";
        }
    }

    private static String pointInTime(String value, Instant now) {
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return "'" + cut(value) + "' is not a date and time with its offset, such as 2026-01-15T03:00:00Z.";
        }
        if (!at.isBefore(now)) {
            return at + " is not in the past.";
        }
        if (at.isBefore(now.minus(SQL_RETENTION))) {
            return at + " is more than 35 days ago; Azure SQL keeps point-in-time backups for at most 35 days.";
        }
        return null;
    }

    private static String moment(String value, Instant now) {
        try {
            Instant at = OffsetDateTime.parse(value).toInstant();
            return at.isAfter(now) ? at + " is in the future." : null;
        } catch (DateTimeParseException e) {
            return "'" + cut(value) + "' is not a date and time with its offset, such as 2026-01-15T03:00:00Z.";
        }
    }

    private static String httpsUrl(String value) {
        try {
            URI uri = new URI(value);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && value.length() <= 1000 ? null
                    : "'" + cut(value) + "' is not an https link.";
        } catch (URISyntaxException e) {
            return "'" + cut(value) + "' is not a link.";
        }
    }

    static String cut(String value) {
        return value.length() <= 120 ? value : value.substring(0, 117) + "…";
    }
}
