package com.attest.customernotice;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a customer contact is for: whom a notice goes to depends on it. */
public enum ContactRole {
    SECURITY("Security contact"),
    DPO("DPO"),
    LEGAL("Legal"),
    EXECUTIVE("Executive"),
    TECHNICAL("Technical contact");

    private final String label;

    ContactRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String getLabel() {
        return label;
    }

    /** The role named by its label or its code, ignoring case ("Security contact", "security", "dpo"). */
    public static Optional<ContactRole> parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.label.toLowerCase(Locale.ROOT).equals(t)
                || r.name().toLowerCase(Locale.ROOT).equals(t)).findFirst();
    }

    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(ContactRole::label).toList());
    }
}
