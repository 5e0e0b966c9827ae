package com.attest.action;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure Resource Manager ids as the actions take them, checked strictly before any call leaves the portal:
 * each kind of resource by its own provider path and Azure's naming rules, so nothing else (a query string,
 * {@code ..}, a different provider) can ride along in a URL.
 */
final class ArmIds {

    static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** Resource group: 1–90 letters, digits, underscores, hyphens, periods, parentheses; not ending in a period. */
    static final String RESOURCE_GROUP = "[-\\w.()]{0,89}[-\\w()]";
    /** A resource's own name as most providers allow it. */
    static final String NAME = "[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?";

    private static final String SUB_RG = "/subscriptions/(" + GUID + ")/resourceGroups/(" + RESOURCE_GROUP + ")";

    static final Pattern VM = Pattern.compile(SUB_RG + "/providers/Microsoft\\.Compute/virtualMachines/(" + NAME + ")",
            Pattern.CASE_INSENSITIVE);
    static final Pattern NIC = Pattern.compile(SUB_RG + "/providers/Microsoft\\.Network/networkInterfaces/(" + NAME + ")",
            Pattern.CASE_INSENSITIVE);
    static final Pattern NSG = Pattern.compile(SUB_RG + "/providers/Microsoft\\.Network/networkSecurityGroups/("
            + NAME + ")", Pattern.CASE_INSENSITIVE);
    static final Pattern SQL_DATABASE = Pattern.compile(SUB_RG
            + "/providers/Microsoft\\.Sql/servers/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)/databases/("
            + "[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,126}[A-Za-z0-9_])?)", Pattern.CASE_INSENSITIVE);
    static final Pattern RECOVERY_VAULT = Pattern.compile(SUB_RG
            + "/providers/Microsoft\\.RecoveryServices/vaults/([A-Za-z][A-Za-z0-9-]{1,49})", Pattern.CASE_INSENSITIVE);
    static final Pattern DEFENDER_ALERT = Pattern.compile("/subscriptions/(" + GUID + ")(?:/resourceGroups/("
            + RESOURCE_GROUP + "))?/providers/Microsoft\\.Security/locations/([a-z0-9]{1,40})/alerts/([A-Za-z0-9_.-]{1,200})",
            Pattern.CASE_INSENSITIVE);
    /** A role-assignment scope: a subscription, a resource group, or a resource under one (nested types allowed). */
    static final Pattern SCOPE = Pattern.compile("/subscriptions/(" + GUID + ")(?:/resourceGroups/(" + RESOURCE_GROUP
            + ")(?:/providers/[A-Za-z0-9]+\\.[A-Za-z0-9.]+(?:/[A-Za-z0-9]+/" + NAME + ")+)?)?",
            Pattern.CASE_INSENSITIVE);

    private ArmIds() {
    }

    /** The parts of an id that matched {@code kind}: group 1 is always the subscription. */
    static Optional<Matcher> match(Pattern kind, String id) {
        if (id == null) {
            return Optional.empty();
        }
        Matcher m = kind.matcher(id);
        return m.matches() ? Optional.of(m) : Optional.empty();
    }

    static String subscription(Pattern kind, String id) {
        return match(kind, id).map(m -> m.group(1).toLowerCase(Locale.ROOT)).orElse(null);
    }
}
