package com.attest.runbook;

/**
 * One checklist item of a runbook step.
 *
 * @param key    stable id within the runbook, {@code <phase>-<n>}; assigned by the enclosing {@link Step}
 * @param text   what the responder does, one line of Markdown
 * @param action the automated action type that carries the item out (see {@link RunbookFormat#ACTION_TYPES}),
 *               or null for a manual item
 */
public record Item(String key, String text, String action) {

    public Item {
        text = text == null ? "" : text.strip();
        action = action == null || action.isBlank() ? null : action.strip();
    }

    /** An item whose key the enclosing step assigns. */
    public Item(String text, String action) {
        this(null, text, action);
    }

    /** A manual item whose key the enclosing step assigns. */
    public static Item manual(String text) {
        return new Item(null, text, null);
    }
}
