package com.attest.customernotice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContactCsvTest {

    private static final String HEADER = "customer,contact name,email,phone,role\n";

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaksInAnyColumnOrder() {
        ContactCsv.Result r = ContactCsv.parse("\uFEFFRole,Email,Customer,Contact name,Phone\r\n"
                + "DPO,Dana@Contoso.com,\"Contoso, Ltd\",\"Dana \"\"DP\"\" Ortiz\",+44 20 7946 0000\r\n"
                + "security contact,sec@fabrikam.com,Fabrikam,\"Sam\nSecurity\",\r\n"
                + "\n");
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(2, r.rows().size());
        ContactCsv.Row dana = r.rows().get(0);
        assertEquals(new ContactCsv.Row(2, "Contoso, Ltd", "Dana \"DP\" Ortiz", "dana@contoso.com", "+44 20 7946 0000",
                ContactRole.DPO), dana);
        assertEquals(new ContactCsv.Row(3, "Fabrikam", "Sam\nSecurity", "sec@fabrikam.com", null,
                ContactRole.SECURITY), r.rows().get(1));
    }

    @Test
    void everyBrokenRowIsNamedWithItsColumnAndProblem() {
        ContactCsv.Result r = ContactCsv.parse(HEADER
                + "Contoso,Dana Ortiz,dana@contoso.com,,DPO\n"          // 2 good
                + "Contoso,Lee Park,,,Legal\n"                           // 3 missing e-mail
                + "Contoso,Kim Ray,kim@@contoso,,Legal\n"                // 4 bad e-mail
                + "Contoso,Max Bell,max@contoso.com,,Janitor\n"          // 5 unknown role
                + "contoso,Dana O.,DANA@contoso.com,,Legal\n"            // 6 duplicate of row 2
                + "Contoso,Al \"the\" Fox,al@contoso.com,,Legal\n"       // 7 stray quote
                + "Contoso,Two,two@contoso.com,,Legal,extra\n"           // 8 too many fields
                + ",Nobody,nobody@contoso.com,call me,Legal\n");         // 9 no customer, bad phone
        assertFalse(r.ok());
        List<String> problems = r.problems().stream().map(ContactCsv.Problem::toString).toList();
        assertContains(problems, "Row 3, email: The e-mail address is missing.");
        assertContains(problems, "Row 4, email: 'kim@@contoso' is not an e-mail address.");
        assertContains(problems, "Row 5, role: 'Janitor' is not a contact role; the roles are Security contact, DPO,"
                + " Legal, Executive, Technical contact.");
        assertContains(problems, "Row 6, email: dana@contoso.com is already listed for contoso in row 2.");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Row 7, row: A quote inside an unquoted field")),
                problems.toString());
        assertContains(problems, "Row 8, row: It has 6 fields; the header names 5.");
        assertContains(problems, "Row 9, customer: The customer is missing.");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Row 9, phone: 'call me' is not a phone number")));
        assertEquals(8, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Row 3,"), "in row order: " + problems);
        assertEquals(1, r.rows().size(), "only row 2 read cleanly");
    }

    @Test
    void anUnclosedQuoteIsReportedAtItsRow() {
        ContactCsv.Result r = ContactCsv.parse(HEADER + "Contoso,Dana,dana@contoso.com,,DPO\n"
                + "\"Contoso,Lee,lee@contoso.com,,Legal\n");
        assertEquals(List.of("Row 3, row: A quoted field is not closed before the end of the file."),
                r.problems().stream().map(ContactCsv.Problem::toString).toList());
    }

    @Test
    void theHeaderMustNameTheRequiredColumnsAndNoUnknownOne() {
        ContactCsv.Result r = ContactCsv.parse("customer,name,mail,role\nContoso,Dana,dana@contoso.com,DPO\n");
        List<String> problems = r.problems().stream().map(ContactCsv.Problem::toString).toList();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Row 1, mail: 'mail' is not a column this import knows"));
        assertEquals("Row 1, email: The header has no column email.", problems.get(1));
        assertTrue(r.rows().isEmpty());
    }

    @Test
    void anEmptyFileOrOneWithoutContactsIsRefused() {
        assertEquals("file", ContactCsv.parse("").problems().get(0).field());
        assertEquals("Row 2, file: The file has a header but no contact.",
                ContactCsv.parse(HEADER).problems().get(0).toString());
    }

    private static void assertContains(List<String> problems, String expected) {
        assertTrue(problems.contains(expected), "expected «" + expected + "» in " + problems);
    }
}
