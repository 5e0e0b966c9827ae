package com.attest.detection;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The pipeline drawn as a server-rendered SVG: sources → routing → notification → this portal, three lanes (Defender
 * for Cloud through its workflow automation and Logic App; Azure Monitor through the action group; Sentinel through
 * its automation rules and playbooks). Each box is coloured by the worst finding of its part, says its state in words
 * too (never colour alone), and links to that finding's evidence. Pure: text in, text out.
 */
public final class PipelineDiagram {

    private static final int W = 200;
    private static final int H = 64;
    private static final int[] X = {10, 250, 490, 730};
    private static final int[] Y = {44, 134, 224};

    private PipelineDiagram() {
    }

    /**
     * @param findings the check's findings
     * @param link     the address of finding {@code i}'s evidence, or of the whole check for {@code -1}
     */
    public static String svg(List<Finding> findings, Policy policy, IntFunction<String> link) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pipeline-diagram\" viewBox=\"0 0 940 300\""
                + " role=\"group\" aria-labelledby=\"pipeline-diagram-title\">");
        s.append("<title id=\"pipeline-diagram-title\">Detection pipeline: sources, routing, notification, this"
                + " portal</title>");
        s.append("<defs><marker id=\"pipeline-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\""
                + " fill=\"#3c4043\"/></marker></defs>");
        String[] heads = {"Sources", "Routing", "Notification", "This portal"};
        for (int c = 0; c < 4; c++) {
            s.append("<text class=\"pipeline-head\" x=\"").append(X[c] + W / 2).append("\" y=\"24\"")
                    .append(" text-anchor=\"middle\">").append(heads[c]).append("</text>");
        }
        // lane 1: Defender for Cloud → workflow automation → its Logic App
        int automation = worst(findings, Part.AUTOMATION);
        int routed = firstAfter(findings, Part.PLAYBOOK, automation);
        box(s, 0, 0, "Defender for Cloud", "alerts", null, link.apply(-1));
        box(s, 1, 0, "Automation " + policy.automation(), null, verdictOf(findings, automation), at(link, automation));
        box(s, 2, 0, routed < 0 ? "Logic App" : "Logic App " + PipelineRules.nameOf(findings.get(routed).resource()),
                routed < 0 ? "not reached" : null, verdictOf(findings, routed), at(link, routed));
        // lane 2: Azure Monitor → the action group
        int group = worst(findings, Part.ACTION_GROUP);
        box(s, 0, 1, "Azure Monitor", "alert rules", null, link.apply(-1));
        box(s, 2, 1, "Action group " + policy.actionGroup(), null, verdictOf(findings, group), at(link, group));
        // lane 3: Sentinel → automation rules → playbooks
        int rules = worst(findings, Part.AUTOMATION_RULE);
        int playbooks = -1;
        for (int i = Math.max(rules, 0); rules >= 0 && i < findings.size(); i++) {
            if (findings.get(i).part() == Part.PLAYBOOK && (playbooks < 0
                    || findings.get(i).verdict().ordinal() > findings.get(playbooks).verdict().ordinal())) {
                playbooks = i;
            }
        }
        box(s, 0, 2, "Microsoft Sentinel", "incidents", null, link.apply(-1));
        box(s, 1, 2, "Automation rules", rules < 0 ? "none configured" : null, verdictOf(findings, rules),
                at(link, rules));
        box(s, 2, 2, "Playbooks", playbooks < 0 ? "not reached" : null, verdictOf(findings, playbooks),
                at(link, playbooks));
        // this portal: one box across the lanes
        s.append("<a href=\"").append(esc(link.apply(-1))).append("\" aria-label=\"This portal's intake: what"
                + " Azure returned\"><rect class=\"pipeline-box verdict-NONE\" x=\"").append(X[3]).append("\" y=\"")
                .append(Y[0]).append("\" width=\"").append(W).append("\" height=\"").append(Y[2] + H - Y[0])
                .append("\" rx=\"8\"/><text class=\"pipeline-label\" x=\"").append(X[3] + W / 2).append("\" y=\"")
                .append((Y[0] + Y[2] + H) / 2).append("\" text-anchor=\"middle\">Alert intake</text>")
                .append("<text class=\"pipeline-state\" x=\"").append(X[3] + W / 2).append("\" y=\"")
                .append((Y[0] + Y[2] + H) / 2 + 22).append("\" text-anchor=\"middle\">/api/intake</text></a>");
        arrow(s, 0, 0, 1, 0);
        arrow(s, 1, 0, 2, 0);
        arrow(s, 2, 0, 3, 0);
        arrow(s, 0, 1, 2, 1);
        arrow(s, 2, 1, 3, 1);
        arrow(s, 0, 2, 1, 2);
        arrow(s, 1, 2, 2, 2);
        arrow(s, 2, 2, 3, 2);
        s.append("</svg>");
        return s.toString();
    }

    private static void box(StringBuilder s, int col, int row, String label, String note, Verdict verdict,
                            String href) {
        String state = note != null ? note : verdict == null ? "" : words(verdict);
        String css = verdict == null ? "NONE" : verdict.name();
        s.append("<a href=\"").append(esc(href)).append("\" aria-label=\"").append(esc(label))
                .append(state.isEmpty() ? "" : ": " + esc(state)).append("\">");
        s.append("<rect class=\"pipeline-box verdict-").append(css).append("\" x=\"").append(X[col]).append("\" y=\"")
                .append(Y[row]).append("\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" rx=\"8\"/>");
        s.append("<text class=\"pipeline-label\" x=\"").append(X[col] + W / 2).append("\" y=\"").append(Y[row] + 27)
                .append("\" text-anchor=\"middle\">").append(esc(cut(label))).append("</text>");
        if (!state.isEmpty()) {
            s.append("<text class=\"pipeline-state\" x=\"").append(X[col] + W / 2).append("\" y=\"")
                    .append(Y[row] + 48).append("\" text-anchor=\"middle\">").append(esc(state)).append("</text>");
        }
        s.append("</a>");
    }

    private static void arrow(StringBuilder s, int fromCol, int row, int toCol, int toRow) {
        int y = Y[row] + H / 2;
        s.append("<line class=\"pipeline-arrow\" x1=\"").append(X[fromCol] + W).append("\" y1=\"").append(y)
                .append("\" x2=\"").append(X[toCol] - 4).append("\" y2=\"").append(Y[toRow] + H / 2)
                .append("\" marker-end=\"url(#pipeline-arrow)\"/>");
    }

    /** The words a state is read by, beside its colour. */
    public static String words(Verdict verdict) {
        return switch (verdict) {
            case PASS -> "Passes";
            case WARN -> "Needs attention";
            case FAIL -> "Fails";
            case UNREADABLE -> "Could not be read";
        };
    }

    private static int worst(List<Finding> findings, Part part) {
        int worst = -1;
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i).part() == part && (worst < 0
                    || findings.get(i).verdict().ordinal() > findings.get(worst).verdict().ordinal())) {
                worst = i;
            }
        }
        return worst;
    }

    /** The finding of {@code part} right after {@code index} (the automation's target follows it). */
    private static int firstAfter(List<Finding> findings, Part part, int index) {
        if (index < 0) {
            return -1;
        }
        return index + 1 < findings.size() && findings.get(index + 1).part() == part ? index + 1 : -1;
    }

    private static Verdict verdictOf(List<Finding> findings, int index) {
        return index < 0 ? null : findings.get(index).verdict();
    }

    private static String at(IntFunction<String> link, int index) {
        return link.apply(index);
    }

    private static String cut(String label) {
        return label.length() <= 28 ? label : label.substring(0, 27) + "…";
    }

    static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
