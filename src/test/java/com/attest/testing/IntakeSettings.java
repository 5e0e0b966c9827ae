package com.attest.testing;

import java.io.IOException;
import java.net.URL;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.htmlunit.html.HtmlTextInput;

/**
 * Intake's and on-call's global settings, read and changed as the compliance lead changes them: on their pages
 * (headless), so the portal forgets the copy it keeps for half a minute, as it does for a person. Tests that change
 * them put them back afterwards with these.
 *
 * @param correlationWindowMinutes how far apart alerts on one subject may fire and still join one incident
 * @param notifyMinSeverity        the least severe incident that pages the on-call person (P1 … P4)
 * @param emailRecipients          the on-call e-mail recipients, one a line
 */
public record IntakeSettings(int correlationWindowMinutes, String notifyMinSeverity, String emailRecipients) {

    /** The settings in force. */
    public static IntakeSettings read(URL base) {
        try (PortalClient lead = lead(base)) {
            HtmlPage oncall = lead.page("admin/oncall.xhtml");
            String severity = ((HtmlSelect) oncall.getElementById("oncallForm:notifyMinSeverity_input"))
                    .getSelectedOptions().get(0).getValueAttribute();
            String recipients = ((HtmlTextArea) oncall.getElementById("oncallForm:emailRecipients")).getText();
            HtmlPage intake = lead.page("admin/intake.xhtml");
            int window = Integer.parseInt(((HtmlTextInput) intake.getElementById("windowForm:correlationWindow"))
                    .getValueAttribute().strip());
            return new IntakeSettings(window, severity, recipients);
        }
    }

    /** Puts these settings in force. */
    public void apply(URL base) {
        try (PortalClient lead = lead(base)) {
            HtmlPage oncall = lead.page("admin/oncall.xhtml");
            ((HtmlSelect) oncall.getElementById("oncallForm:notifyMinSeverity_input"))
                    .setSelectedAttribute(notifyMinSeverity, true);
            ((HtmlTextArea) oncall.getElementById("oncallForm:emailRecipients")).setText(emailRecipients);
            expect(lead, click(oncall, "oncallForm:save"), "On-call settings saved.");
            HtmlPage intake = lead.page("admin/intake.xhtml");
            ((HtmlTextInput) intake.getElementById("windowForm:correlationWindow"))
                    .setValueAttribute(String.valueOf(correlationWindowMinutes));
            expect(lead, click(intake, "windowForm:saveWindow"),
                    "Correlation window set to " + correlationWindowMinutes + " minutes.");
        }
        IntakeSettings now = read(base);
        if (!now.equals(this)) {
            throw new IllegalStateException("intake settings are " + now + ", not " + this);
        }
    }

    /** Removes the classification rule named {@code name}, if there is one. */
    public static void removeRule(URL base, String name) {
        try (PortalClient lead = lead(base)) {
            HtmlPage intake = lead.page("admin/intake.xhtml");
            for (int row = 0; intake.getElementById("rules:table:" + row + ":remove") != null; row++) {
                HtmlElement cells = (HtmlElement) intake.getElementById("rules:table:" + row + ":remove")
                        .getParentNode().getParentNode();
                if (cells.asNormalizedText().contains(name)) {
                    expect(lead, click(intake, "rules:table:" + row + ":remove"), "Rule '" + name + "' removed.");
                    return;
                }
            }
        }
    }

    private static PortalClient lead(URL base) {
        return PortalClient.signedIn(base, "admin", Deployments.ADMIN_PASSWORD);
    }

    private static HtmlPage click(HtmlPage page, String id) {
        try {
            return page.getHtmlElementById(id).click();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void expect(PortalClient lead, HtmlPage page, String message) {
        lead.web().waitForBackgroundJavaScript(10_000);
        String text = page.asNormalizedText();
        if (!text.contains(message)) {
            throw new IllegalStateException("expected '" + message + "' on " + page.getUrl() + ":\n" + text);
        }
    }
}
