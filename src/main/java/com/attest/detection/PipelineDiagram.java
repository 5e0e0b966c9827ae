package com.attest.detection;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The pipeline drawn as a server-rendered SVG: sources → routing → notification → this portal, in three lanes
 * (Defender for Cloud through its workflow automation and Logic App; Azure Monitor through the action group; Sentinel
 * through its automation rules and playbooks). Each box is coloured by the worst finding of its part, says its state
 * in words too (never colour alone), and links to that finding. Drawn wide (stages left to right) for a desk and
 * tall (stages top to bottom) for a phone; the page shows the one that fits. Pure: text in, text out.
 */
public final class PipelineDiagram {

    /** Stages left to right, or top to bottom. */
    public enum Layout { WIDE, TALL }

    private record Box(String kind, String name, String state, String css, String href) {
    }

    private final Layout layout;
    private final int w;
    private final int h;
    private final StringBuilder s = new StringBuilder();

    private PipelineDiagram(Layout layout) {
        this.layout = layout;
        this.w = layout == Layout.WIDE ? 200 : 140;
        this.h = 78;
    }

    /**
     * @param findings the check's findings
     * @param link     the address of finding {@code i}, or of the check's evidence for {@code -1}
     */
    public static String svg(List<Finding> findings, Policy policy, Layout layout, IntFunction<String> link) {
        return new PipelineDiagram(layout).draw(findings, policy, link);
    }

    private int x(int stage, int lane) {
        return layout == Layout.WIDE ? 10 + stage * 240 : 10 + lane * 160;
    }

    private int y(int stage, int lane) {
        return layout == Layout.WIDE ? 44 + lane * 100 : 44 + stage * 110;
    }

    private String draw(List<Finding> findings, Policy policy, IntFunction<String> link) {
        int width = layout == Layout.WIDE ? 940 : 470;
        int height = layout == Layout.WIDE ? 330 : 480;
        String id = "pipeline-diagram-" + layout.name().toLowerCase(java.util.Locale.ROOT);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pipeline-diagram ").append(id)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"group\" aria-labelledby=\"").append(id).append("-title\">");
        s.append("<title id=\"").append(id).append("-title\">Detection pipeline: sources, routing, notification,"
                + " this portal</title>");
        s.append("<defs><marker id=\"").append(id).append("-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\""
                + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\""
                + " fill=\"#3c4043\"/></marker></defs>");
        if (layout == Layout.WIDE) {
            String[] heads = {"Sources", "Routing", "Notification", "This portal"};
            for (int c = 0; c < 4; c++) {
                s.append("<text class=\"pipeline-head\" x=\"").append(x(c, 0) + w / 2).append("\" y=\"24\"")
                        .append(" text-anchor=\"middle\">").append(heads[c]).append("</text>");
            }
        }
        String evidence = link.apply(-1);
        int automation = worst(findings, Part.AUTOMATION);
        int routed = automation >= 0 && automation + 1 < findings.size()
                && findings.get(automation + 1).part() == Part.PLAYBOOK ? automation + 1 : -1;
        int group = worst(findings, Part.ACTION_GROUP);
        int rules = worst(findings, Part.AUTOMATION_RULE);
        int playbooks = -1;
        for (int i = Math.max(rules, 0); rules >= 0 && i < findings.size(); i++) {
            if (findings.get(i).part() == Part.PLAYBOOK && (playbooks < 0
                    || findings.get(i).verdict().ordinal() > findings.get(playbooks).verdict().ordinal())) {
                playbooks = i;
            }
        }
        // lane 0: Defender for Cloud → workflow automation → its Logic App
        box(0, 0, new Box("Defender for Cloud", "alerts", null, "NONE", evidence));
        box(1, 0, part("Workflow automation", policy.automation(), findings, automation, link));
        box(2, 0, part("Logic App", routed < 0 ? "—" : PipelineRules.nameOf(findings.get(routed).resource()),
                findings, routed, link));
        // lane 1: Azure Monitor → the action group
        box(0, 1, new Box("Azure Monitor", "alert rules", null, "NONE", evidence));
        box(2, 1, part("Action group", policy.actionGroup(), findings, group, link));
        // lane 2: Sentinel → automation rules → playbooks
        box(0, 2, new Box("Microsoft Sentinel", "incidents", null, "NONE", evidence));
        box(1, 2, part("Automation rules", "Sentinel", findings, rules, link));
        box(2, 2, part("Playbooks", playbooks < 0 ? "—" : PipelineRules.nameOf(findings.get(playbooks).resource()),
                findings, playbooks, link));
        portal(evidence);
        for (int lane = 0; lane < 3; lane++) {
            if (lane != 1) {
                arrow(0, lane, 1);
                arrow(1, lane, 2);
            } else {
                arrow(0, lane, 2);
            }
            arrow(2, lane, 3);
        }
        s.append("</svg>");
        return s.toString();
    }

    private static Box part(String kind, String name, List<Finding> findings, int index, IntFunction<String> link) {
        if (index < 0) {
            return new Box(kind, name, "Not reached", "NONE", link.apply(-1));
        }
        Verdict verdict = findings.get(index).verdict();
        return new Box(kind, name, words(verdict), verdict.name(), link.apply(index));
    }

    private void box(int stage, int lane, Box box) {
        int x = x(stage, lane);
        int y = y(stage, lane);
        int mid = x + w / 2;
        s.append("<a href=\"").append(esc(box.href())).append("\" aria-label=\"").append(esc(box.kind() + " "
                + box.name() + (box.state() == null ? "" : ": " + box.state()))).append("\">");
        s.append("<rect class=\"pipeline-box verdict-").append(box.css()).append("\" x=\"").append(x)
                .append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" rx=\"8\"/>");
        text("pipeline-kind", mid, y + 22, box.kind());
        text("pipeline-label", mid, y + 44, cut(box.name(), layout == Layout.WIDE ? 24 : 16));
        if (box.state() != null) {
            text("pipeline-state", mid, y + 66, box.state());
        }
        s.append("</a>");
    }

    private void portal(String href) {
        int x = x(3, 0);
        int y = y(3, 0);
        int bw = layout == Layout.WIDE ? w : x(0, 2) + w - x;
        int bh = layout == Layout.WIDE ? y(0, 2) + h - y : h;
        s.append("<a href=\"").append(esc(href)).append("\" aria-label=\"This portal's alert intake\">");
        s.append("<rect class=\"pipeline-box verdict-NONE\" x=\"").append(x).append("\" y=\"").append(y)
                .append("\" width=\"").append(bw).append("\" height=\"").append(bh).append("\" rx=\"8\"/>");
        text("pipeline-label", x + bw / 2, y + bh / 2 - 4, "This portal");
        text("pipeline-state", x + bw / 2, y + bh / 2 + 18, "alert intake /api/intake");
        s.append("</a>");
    }

    private void arrow(int from, int lane, int to) {
        int x1;
        int y1;
        int x2;
        int y2;
        if (layout == Layout.WIDE) {
            x1 = x(from, lane) + w;
            x2 = x(to, lane) - 4;
            y1 = y(from, lane) + h / 2;
            y2 = y1;
        } else {
            x1 = x(from, lane) + w / 2;
            x2 = x1;
            y1 = y(from, lane) + h;
            y2 = y(to, lane) - 4;
        }
        s.append("<line class=\"pipeline-arrow\" x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"")
                .append(x2).append("\" y2=\"").append(y2).append("\" marker-end=\"url(#pipeline-diagram-")
                .append(layout.name().toLowerCase(java.util.Locale.ROOT)).append("-arrow)\"/>");
    }

    private void text(String css, int x, int y, String text) {
        s.append("<text class=\"").append(css).append("\" x=\"").append(x).append("\" y=\"").append(y)
                .append("\" text-anchor=\"middle\">").append(esc(text)).append("</text>");
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

    private static String cut(String label, int max) {
        return label.length() <= max ? label : label.substring(0, max - 1) + "…";
    }

    static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
