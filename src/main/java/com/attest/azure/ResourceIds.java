package com.attest.azure;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Azure resource ids taken apart; anything malformed is refused with an {@link IllegalArgumentException}. */
final class ResourceIds {

    private static final String GUID = "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";
    private static final String NAME = "([^/?#\\s]+)";
    private static final String GROUP = "/subscriptions/" + GUID + "/resourceGroups/" + NAME + "/providers/";

    static final Pattern VM = Pattern.compile(GROUP + "Microsoft\\.Compute/virtualMachines/" + NAME,
            Pattern.CASE_INSENSITIVE);
    static final Pattern NIC = Pattern.compile(GROUP + "Microsoft\\.Network/networkInterfaces/" + NAME,
            Pattern.CASE_INSENSITIVE);
    static final Pattern NSG = Pattern.compile(GROUP + "Microsoft\\.Network/networkSecurityGroups/" + NAME,
            Pattern.CASE_INSENSITIVE);
    static final Pattern SQL_DATABASE = Pattern.compile(GROUP + "Microsoft\\.Sql/servers/" + NAME + "/databases/"
            + NAME, Pattern.CASE_INSENSITIVE);
    static final Pattern BACKUP_VAULT = Pattern.compile(GROUP + "Microsoft\\.RecoveryServices/vaults/" + NAME,
            Pattern.CASE_INSENSITIVE);
    static final Pattern DEFENDER_ALERT = Pattern.compile("/subscriptions/" + GUID + "(?:/resourceGroups/" + NAME
            + ")?/providers/Microsoft\\.Security/locations/" + NAME + "/alerts/" + NAME, Pattern.CASE_INSENSITIVE);
    /** A role-assignment scope: a subscription, or anything inside one. */
    static final Pattern WORKFLOW = Pattern.compile(GROUP + "Microsoft\\.Logic/workflows/" + NAME,
            Pattern.CASE_INSENSITIVE);
    static final Pattern ACTION_GROUP = Pattern.compile(GROUP + "Microsoft\\.Insights/actionGroups/" + NAME,
            Pattern.CASE_INSENSITIVE);
    static final Pattern AUTOMATION = Pattern.compile(GROUP + "Microsoft\\.Security/automations/" + NAME,
            Pattern.CASE_INSENSITIVE);
    static final Pattern SCOPE = Pattern.compile("/subscriptions/" + GUID + "(/[^?#\\s]+)?", Pattern.CASE_INSENSITIVE);
    static final Pattern OBJECT_ID = Pattern.compile(GUID);
    static final Pattern RESOURCE_GROUP = Pattern.compile("[-\\w._()]{1,90}");
    static final Pattern AZURE_NAME = Pattern.compile("[A-Za-z0-9][-\\w.]{0,79}");

    private ResourceIds() {
    }

    /** The id matched against {@code pattern}; group 1 is always the subscription id. */
    static Matcher parse(Pattern pattern, String id, String what) {
        if (id == null) {
            throw new IllegalArgumentException(what + " is missing.");
        }
        String trimmed = id.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        Matcher matcher = pattern.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not " + what + ": " + id);
        }
        return matcher;
    }

    static String subscription(Matcher matcher) {
        return matcher.group(1).toLowerCase(Locale.ROOT);
    }

    /** The last segment of a resource id. */
    static String name(String id) {
        return id == null ? null : id.substring(id.lastIndexOf('/') + 1);
    }

    static boolean sameId(String a, String b) {
        return a == null ? b == null : b != null && a.equalsIgnoreCase(b);
    }
}
