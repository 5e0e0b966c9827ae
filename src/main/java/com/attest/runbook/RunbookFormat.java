package com.attest.runbook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.attest.platform.InvalidInput;

/**
 * The Markdown file a runbook is kept in, one per runbook in Git:
 *
 * <pre>
 * # Title
 *
 * Introduction.
 *
 * ## Contain
 *
 * Guidance.
 *
 * - [ ] Quarantine the VM `action: quarantine-vm`
 * - [ ] Tell the service owner
 * </pre>
 *
 * One {@code ##} section per {@link Phase}, in order; its checklist lines are the step's items, everything
 * else its guidance. An automated item ends with an {@code action:} code span. Item keys are not written:
 * they are {@code <phase>-<n>} by position. Code fences are respected, so a {@code #} comment or a checklist
 * line inside a fenced block is guidance. {@link #write} then {@link #read} gives back an equal runbook
 * for every runbook that passes {@link #validate}.
 */
public final class RunbookFormat {

    /** The action types an item may name, in the order the steps use them. */
    public static final List<String> ACTION_TYPES = List.of(
            "quarantine-vm", "disable-user", "revoke-sessions", "disable-service-principal",
            "run-kql-user-audit", "run-kql-ip-activity", "run-kql-keyvault", "fetch-defender-alert",
            "rotate-secret", "delete-role-assignment",
            "restore-sql-pit", "restore-vm-backup", "record-iac-redeploy");

    public static final int TITLE_MAX = 200;
    public static final int ITEM_MAX = 500;

    private static final Pattern H1 = Pattern.compile("^ {0,3}#(?:[ \\t]+(.*))?$");
    private static final Pattern H2 = Pattern.compile("^ {0,3}##(?:[ \\t]+(.*))?$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
    private static final Pattern ITEM = Pattern.compile("^ {0,3}[-*+][ \\t]+\\[[ xX]\\](?:[ \\t]+(.*))?$");
    private static final Pattern ACTION_MARKER = Pattern.compile("^(.*?)[ \\t]*`action:[ \\t]*([^`]*)`[ \\t]*$");
    private static final Pattern CONTINUATION = Pattern.compile("^(?: {2,}|\\t)\\S.*$");

    private static final String STEP_ORDER = "Contain, Investigate, Eradicate, Recover, Post-incident review";

    private RunbookFormat() {
    }

    /** The runbook as the Markdown file kept in Git. */
    public static String write(Runbook runbook) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(runbook.title()).append('\n');
        block(md, runbook.introduction());
        for (Step step : runbook.steps()) {
            md.append("\n## ").append(step.phase().heading()).append('\n');
            block(md, step.guidance());
            if (!step.items().isEmpty()) {
                md.append('\n');
                for (Item item : step.items()) {
                    md.append("- [ ] ").append(item.text());
                    if (item.action() != null) {
                        md.append(" `action: ").append(item.action()).append('`');
                    }
                    md.append('\n');
                }
            }
        }
        return md.toString();
    }

    private static void block(StringBuilder md, String text) {
        if (!text.isEmpty()) {
            md.append('\n').append(text).append('\n');
        }
    }

    /**
     * Reads a runbook file. Only the structure is checked here; {@link #validate} says whether the runbook
     * is complete.
     *
     * @throws InvalidInput on field {@code body}, one message per problem with its line number: no title,
     *                      a step heading that is not a phase, a phase twice, steps out of order
     */
    public static Runbook read(String markdown) {
        List<String> lines = lines(markdown);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        int first = titleLine(lines, errors);
        errors.throwIfAny();
        String title = titleText(lines.get(first));

        List<String> intro = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        Map<Phase, Integer> seenAt = new EnumMap<>(Phase.class);
        Phase latest = null;
        Section current = null;
        List<String> target = intro;
        Fence fence = null;
        boolean afterItem = false;

        for (int i = first + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            if (fence != null) {
                target.add(line);
                if (fence.closedBy(line)) {
                    fence = null;
                }
                continue;
            }
            Fence opened = Fence.opening(line);
            if (opened != null) {
                fence = opened;
                target.add(line);
                afterItem = false;
                continue;
            }
            Matcher h2 = H2.matcher(line);
            if (h2.matches()) {
                String heading = h2.group(1) == null ? "" : h2.group(1).strip();
                Optional<Phase> phase = Phase.ofHeading(heading);
                current = new Section(phase.orElse(null));
                target = current.guidance;
                afterItem = false;
                if (phase.isEmpty()) {
                    errors.add("body", "Line " + lineNo + ": '" + heading + "' is not a runbook step; the steps are "
                            + STEP_ORDER + ".");
                    continue;
                }
                Phase p = phase.get();
                if (seenAt.containsKey(p)) {
                    errors.add("body", "Line " + lineNo + ": " + p.heading() + " appears twice (first on line "
                            + seenAt.get(p) + ").");
                    continue;
                }
                seenAt.put(p, lineNo);
                if (latest != null && p.ordinal() < latest.ordinal()) {
                    errors.add("body", "Line " + lineNo + ": " + p.heading() + " must come before "
                            + latest.heading() + "; the steps run " + STEP_ORDER + ".");
                } else {
                    latest = p;
                }
                sections.add(current);
                continue;
            }
            if (current != null) {
                Matcher item = ITEM.matcher(line);
                if (item.matches()) {
                    current.items.add(new StringBuilder(item.group(1) == null ? "" : item.group(1)));
                    afterItem = true;
                    continue;
                }
                if (afterItem && CONTINUATION.matcher(line).matches()) {
                    current.items.get(current.items.size() - 1).append(' ').append(line.strip());
                    continue;
                }
            }
            afterItem = false;
            target.add(line);
        }
        errors.throwIfAny();

        List<Step> steps = new ArrayList<>();
        for (Section s : sections) {
            List<Item> items = new ArrayList<>();
            for (StringBuilder text : s.items) {
                items.add(item(text.toString()));
            }
            steps.add(new Step(s.phase, String.join("\n", s.guidance), items));
        }
        return new Runbook(title, String.join("\n", intro), steps);
    }

    private static Item item(String line) {
        Matcher m = ACTION_MARKER.matcher(line);
        return m.matches() ? new Item(m.group(1), m.group(2)) : new Item(line, null);
    }

    /**
     * The title of a Markdown document that starts with a {@code # Title} heading, such as the
     * incident response policy.
     *
     * @throws InvalidInput on field {@code body} when the heading is missing, empty or too long
     */
    public static String titleOf(String markdown) {
        List<String> lines = lines(markdown);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        int first = titleLine(lines, errors);
        errors.throwIfAny();
        String title = titleText(lines.get(first));
        if (title.isEmpty()) {
            errors.add("body", "Line " + (first + 1) + ": the title is empty.");
        } else if (title.length() > TITLE_MAX) {
            errors.add("body", "Line " + (first + 1) + ": the title is longer than " + TITLE_MAX + " characters.");
        }
        errors.throwIfAny();
        return title;
    }

    /**
     * Checks that a runbook is complete and writes back as it is.
     *
     * @throws InvalidInput on {@code title}, {@code introduction}, {@code steps}, {@code step-<PHASE>}
     *                      (e.g. {@code step-CONTAIN}) and {@code item-<key>} (e.g. {@code item-contain-1})
     */
    public static void validate(Runbook runbook) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String title = runbook.title();
        if (title.isEmpty()) {
            errors.add("title", "The title is required.");
        } else if (title.length() > TITLE_MAX) {
            errors.add("title", "The title is at most " + TITLE_MAX + " characters.");
        } else if (title.indexOf('\n') >= 0) {
            errors.add("title", "The title is one line.");
        }
        blockProblems(runbook.introduction(), false).forEach(m -> errors.add("introduction", m));

        List<Phase> phases = runbook.steps().stream().map(Step::phase).toList();
        if (!phases.equals(List.of(Phase.values()))) {
            errors.add("steps", "A runbook has exactly the steps " + STEP_ORDER + ", in that order.");
        }
        for (Step step : runbook.steps()) {
            String field = "step-" + step.phase().name();
            if (step.items().isEmpty()) {
                errors.add(field, step.phase().heading() + " has no checklist items.");
            }
            blockProblems(step.guidance(), true).forEach(m -> errors.add(field, m));
            for (Item item : step.items()) {
                itemProblems(item).forEach(m -> errors.add("item-" + item.key(), m));
            }
        }
        errors.throwIfAny();
    }

    private static List<String> itemProblems(Item item) {
        List<String> problems = new ArrayList<>();
        String text = item.text();
        if (text.isEmpty()) {
            problems.add("The item's text is required.");
        } else if (text.length() > ITEM_MAX) {
            problems.add("The item's text is at most " + ITEM_MAX + " characters.");
        } else if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            problems.add("The item's text is one line.");
        } else if (ACTION_MARKER.matcher(text).matches()) {
            problems.add("The item's text ends with an action marker; choose the action instead.");
        }
        if (item.action() != null && !ACTION_TYPES.contains(item.action())) {
            problems.add("Unknown action type '" + item.action() + "'.");
        }
        return problems;
    }

    /** What in an introduction or a step's guidance would not read back as written. */
    private static List<String> blockProblems(String text, boolean guidance) {
        List<String> problems = new ArrayList<>();
        Fence fence = null;
        for (String line : lines(text)) {
            if (fence != null) {
                if (fence.closedBy(line)) {
                    fence = null;
                }
                continue;
            }
            fence = Fence.opening(line);
            if (fence != null) {
                continue;
            }
            if (H2.matcher(line).matches()) {
                problems.add("'" + line.strip() + "' would start a new step; use ### for a heading here.");
            } else if (guidance && ITEM.matcher(line).matches()) {
                problems.add("'" + line.strip() + "' is a checklist line; add it as an item instead.");
            }
        }
        if (fence != null) {
            problems.add("A code fence is not closed.");
        }
        return problems;
    }

    private static int titleLine(List<String> lines, InvalidInput.Collector errors) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            if (!H1.matcher(lines.get(i)).matches()) {
                errors.add("body", "Line " + (i + 1) + ": the document must start with a '# Title' heading.");
            }
            return i;
        }
        errors.add("body", "The document is empty; it must start with a '# Title' heading.");
        return -1;
    }

    private static String titleText(String line) {
        Matcher m = H1.matcher(line);
        m.matches();
        return m.group(1) == null ? "" : m.group(1).strip();
    }

    private static List<String> lines(String markdown) {
        String text = markdown == null ? "" : markdown;
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    }

    /**
     * A block of Markdown as the model keeps it: line endings as {@code \n}, no leading blank lines, no
     * trailing white space. The first line keeps its indentation.
     */
    static String normalizeBlock(String text) {
        if (text == null) {
            return "";
        }
        String t = text.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
        int start = 0;
        for (int nl = t.indexOf('\n'); nl >= 0 && t.substring(start, nl).isBlank(); nl = t.indexOf('\n', start)) {
            start = nl + 1;
        }
        return t.substring(start);
    }

    private static final class Section {
        final Phase phase;
        final List<String> guidance = new ArrayList<>();
        final List<StringBuilder> items = new ArrayList<>();

        Section(Phase phase) {
            this.phase = phase;
        }
    }

    /** An open code fence: the fence character and its length. */
    private record Fence(char marker, int length) {

        static Fence opening(String line) {
            Matcher m = FENCE.matcher(line);
            if (!m.matches() || (m.group(1).charAt(0) == '`' && m.group(2).indexOf('`') >= 0)) {
                return null;
            }
            return new Fence(m.group(1).charAt(0), m.group(1).length());
        }

        boolean closedBy(String line) {
            String t = line.stripTrailing();
            int indent = 0;
            while (indent < t.length() && indent < 4 && t.charAt(indent) == ' ') {
                indent++;
            }
            if (indent > 3) {
                return false;
            }
            String run = t.substring(indent);
            return run.length() >= length && run.chars().allMatch(c -> c == marker);
        }
    }
}
