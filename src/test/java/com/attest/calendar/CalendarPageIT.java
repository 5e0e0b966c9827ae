package com.attest.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.attest.testing.Browser;
import com.attest.testing.BrowserTest;
import com.attest.testing.Deployments;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestDatabase;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The compliance lead maintains the business calendar and the response targets on their page. The calendar is
 * the whole portal's: afterwards the time zone, the P1 target and the holiday are put back as they were, on the
 * same page.
 */
@RunAsClient
class CalendarPageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String CALENDAR_CHANGES = "SELECT count(*) FROM audit_event WHERE action IN"
            + " ('calendar.changed', 'sla.target-changed', 'calendar.holiday-added') AND actor = 'admin'";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @Test
    void leadMaintainsTheBusinessCalendarAndTheTargets() {
        List<String> zone = TestDatabase.texts(DB, "SELECT time_zone FROM business_calendar");
        String p1Target = TestDatabase.texts(DB, "SELECT response_minutes FROM sla_target WHERE severity = 'P1'").get(0);
        long changes = TestDatabase.number(DB, CALENDAR_CHANGES);
        try {
            browser.signIn("admin", Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
            browser.menu("settingsMenu", "calendar");
            browser.waitForText("Business days");

            browser.type("calendarForm:timeZone", "Mars/Olympus_Mons");
            browser.click("calendarForm:save");
            browser.waitForText("Time zone 'Mars/Olympus_Mons' is not known");
            assertEquals(zone, TestDatabase.texts(DB, "SELECT time_zone FROM business_calendar"), "nothing saved");

            browser.type("calendarForm:timeZone", "Europe/London");
            browser.type(p1TargetField(browser), "20");
            browser.click("calendarForm:save");
            browser.waitForText("Calendar and targets saved.");
            assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM business_calendar"
                    + " WHERE time_zone = 'Europe/London'"));
            assertEquals(20, TestDatabase.number(DB, "SELECT response_minutes FROM sla_target WHERE severity = 'P1'"));

            browser.type("holidayForm:holidayName", "Christmas Day");
            browser.typeDate("holidayForm:holidayDay_input", "2026-12-25");
            browser.click("holidayForm:addHoliday");
            browser.waitForText("Christmas Day");
            browser.screenshot("calendar");
            assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM holiday WHERE day = '2026-12-25'"));
            assertEquals(changes + 3, TestDatabase.number(DB, CALENDAR_CHANGES));
        } finally {
            putBack(zone.get(0), p1Target);
        }
    }

    /** The calendar as it was, through the same page (so the portal forgets the copy it keeps meanwhile). */
    private void putBack(String zone, String p1Target) {
        try (Browser lead = new Browser(base)) {
            lead.signIn("admin", Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
            lead.open("admin/calendar.xhtml");
            lead.waitForText("Business days");
            lead.type("calendarForm:timeZone", zone);
            lead.type(p1TargetField(lead), p1Target);
            lead.click("calendarForm:save");
            lead.waitForText("Calendar and targets saved.");
            List<WebElement> rows = lead.driver().findElements(By.cssSelector("#holidays\\:table_data tr"));
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).getText().contains("2026-12-25")) {
                    lead.click("holidays:table:" + i + ":remove");
                    lead.waitFor(d -> TestDatabase.number(DB, "SELECT count(*) FROM holiday WHERE day = '2026-12-25'")
                            == 0);
                    break;
                }
            }
        }
        assertEquals(List.of(zone), TestDatabase.texts(DB, "SELECT time_zone FROM business_calendar"));
        assertEquals(List.of(p1Target), TestDatabase.texts(DB, "SELECT response_minutes FROM sla_target"
                + " WHERE severity = 'P1'"));
    }

    /** The P1 row's target field (the first of the table). */
    private static String p1TargetField(Browser browser) {
        return browser.driver().findElements(By.cssSelector("input[id$=':target']")).get(0).getAttribute("id");
    }
}
