package com.attest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntraRolesTest {

    @Test
    void withoutAMapEachRoleIsTheAppRoleOfItsOwnNameIgnoringCase() {
        EntraRoles roles = EntraRoles.parse(" ");
        assertEquals(EnumSet.of(Role.COMPLIANCE_LEAD, Role.AUDITOR),
                roles.of(List.of("Compliance_Lead", "AUDITOR", "Something.Else")));
        assertEquals(Set.of(), roles.of(List.of("Attest.Lead")));
        assertEquals(Set.of(), roles.of(null));
    }

    @Test
    void aMapNamesTheValuesThatGiveEachRoleAndReplacesItsDefault() {
        EntraRoles roles = EntraRoles.parse("COMPLIANCE_LEAD=Attest.Lead, RESPONDER=Attest.Responder|"
                + "6f1c2a1e-0000-4000-8000-000000000001, auditor=Attest.Auditor");
        assertEquals(EnumSet.of(Role.COMPLIANCE_LEAD), roles.of(List.of("attest.lead")));
        assertEquals(EnumSet.of(Role.RESPONDER), roles.of(List.of("6F1C2A1E-0000-4000-8000-000000000001")));
        assertEquals(EnumSet.of(Role.AUDITOR), roles.of(List.of("Attest.Auditor")));
        assertEquals(Set.of(), roles.of(List.of("COMPLIANCE_LEAD")), "a mapped role no longer answers to its name");
    }

    @Test
    void anEntryThatNamesNoRoleOrNoValueStopsTheStart() {
        for (String bad : List.of("ADMIN=Attest.Admin", "COMPLIANCE_LEAD", "RESPONDER=", "=x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EntraRoles.parse(bad));
            assertTrue(e.getMessage().contains("attest.signin.entra.roles"), e.getMessage());
        }
    }
}
