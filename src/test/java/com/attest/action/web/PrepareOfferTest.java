package com.attest.action.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrepareOfferTest {

    @Test
    void anOpenItemWithAnActionOnAnOpenIncidentIsPreparedOnlyWhenAzureIsConnected() {
        assertEquals(PrepareOffer.PREPARE, PrepareOffer.of(true, true, true, true, true));
        assertEquals(PrepareOffer.NO_AZURE, PrepareOffer.of(true, true, true, true, false));
    }

    @Test
    void withoutAzureNoItemOffersTheButtonWhateverElseHolds() {
        for (int bits = 0; bits < 16; bits++) {
            PrepareOffer offer = PrepareOffer.of((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0,
                    false);
            assertEquals(bits == 15 ? PrepareOffer.NO_AZURE : PrepareOffer.NONE, offer, "bits " + bits);
        }
    }

    @Test
    void doneOrNotApplicableItemsClosedIncidentsReadersAndItemsWithoutAnActionOfferNothing() {
        assertEquals(PrepareOffer.NONE, PrepareOffer.of(true, true, false, true, true), "item done or not applicable");
        assertEquals(PrepareOffer.NONE, PrepareOffer.of(true, false, true, true, true), "incident closed");
        assertEquals(PrepareOffer.NONE, PrepareOffer.of(false, true, true, true, true), "auditor");
        assertEquals(PrepareOffer.NONE, PrepareOffer.of(true, true, true, false, true), "no action on the item");
    }
}
