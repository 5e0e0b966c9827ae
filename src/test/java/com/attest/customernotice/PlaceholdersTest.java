package com.attest.customernotice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void fillsEveryPlaceholderWithOrWithoutSpacesAndLeavesOtherTextAlone() {
        String text = "Dear {{customer.name}},\n{{ incident.reference }} ({{incident.title}}) detected {{detected}}."
                + " Costs $1 \\ {{summary}}";
        String out = Placeholders.render(text, Map.of("customer.name", "Contoso", "incident.reference",
                "INC-2026-014", "incident.title", "Leaked $token", "detected", "2026-03-02 09:15:00 UTC",
                "summary", "A {{bad}} summary"));
        assertEquals("Dear Contoso,\nINC-2026-014 (Leaked $token) detected 2026-03-02 09:15:00 UTC. Costs $1 \\ "
                + "A {{bad}} summary", out, "values are inserted literally, never expanded again");
    }

    @Test
    void anAbsentValueBecomesEmpty() {
        assertEquals("Agreement: .", Placeholders.render("Agreement: {{customer.agreement}}.", Map.of()));
    }

    @Test
    void unknownPlaceholdersAreRefusedByName() {
        List<String> problems = Placeholders.problems("Hi {{customer.nmae}} about {{incident.reference}} {{ceo}}");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Unknown placeholder {{customer.nmae}}"), problems.get(0));
        assertTrue(problems.get(0).contains("{{customer.name}}"), "lists the known ones: " + problems.get(0));
        assertTrue(problems.get(1).startsWith("Unknown placeholder {{ceo}}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Placeholders.render("{{nope}}", Map.of()));
        assertTrue(e.getMessage().contains("{{nope}}"));
    }

    @Test
    void anUnclosedOrEmptyPlaceholderIsRefused() {
        assertEquals(List.of("A placeholder is not closed: write it as {{name}}."),
                Placeholders.problems("Dear {{customer.name},"));
        assertEquals(List.of("A placeholder is not closed: write it as {{name}}."),
                Placeholders.problems("Dear customer.name}}"));
        assertTrue(Placeholders.problems("{{}}").get(0).startsWith("Unknown placeholder {{}}"));
        assertTrue(Placeholders.problems("Plain text, {single} braces are fine.").isEmpty());
    }

    @Test
    void listsThePlaceholdersUsed() {
        assertEquals(Set.of("incident.reference", "deadline"),
                Placeholders.used("{{incident.reference}} by {{deadline}} ({{incident.reference}})"));
    }
}
