package com.attest.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplingTest {

    private static final List<String> POPULATION = IntStream.rangeClosed(1, 40)
            .mapToObj(i -> String.format("INC-2026-%03d", i)).toList();

    @Test
    void theSameSeedAndSizeGiveTheSameSampleWhateverOrderThePopulationCameIn() {
        List<String> shuffled = new ArrayList<>(POPULATION);
        Collections.shuffle(shuffled, new java.util.Random(7));
        assertEquals(Sampling.draw(POPULATION, 8, 20260311L), Sampling.draw(shuffled, 8, 20260311L));
    }

    @Test
    void theSampleIsFixedForASeedSoAnAuditorCanRedrawItLater() {
        // pinned: SplittableRandom's sequence is specified, so this never changes between JVMs or releases
        assertEquals(List.of("INC-2026-016", "INC-2026-029", "INC-2026-032", "INC-2026-034", "INC-2026-038"),
                Sampling.draw(POPULATION, 5, 42L));
    }

    @Test
    void anotherSeedGivesAnotherSampleOfDistinctMembersInReferenceOrder() {
        List<String> a = Sampling.draw(POPULATION, 10, 1L);
        List<String> b = Sampling.draw(POPULATION, 10, 2L);
        assertNotEquals(a, b);
        assertEquals(10, new HashSet<>(a).size(), "no incident twice");
        assertTrue(POPULATION.containsAll(a));
        List<String> sorted = new ArrayList<>(a);
        sorted.sort(null);
        assertEquals(sorted, a);
    }

    @Test
    void theWholePopulationAndOneAreValidSizesAndNothingBeyond() {
        assertEquals(POPULATION, Sampling.draw(POPULATION, 40, 5L));
        assertEquals(1, Sampling.draw(POPULATION, 1, 5L).size());
        assertThrows(IllegalArgumentException.class, () -> Sampling.draw(POPULATION, 41, 5L));
        assertThrows(IllegalArgumentException.class, () -> Sampling.draw(POPULATION, 0, 5L));
    }

    @Test
    void everyMemberIsAboutEquallyLikelyToBeDrawn() {
        int[] hits = new int[POPULATION.size()];
        for (long seed = 0; seed < 4000; seed++) {
            Sampling.draw(POPULATION, 4, seed).forEach(r -> hits[POPULATION.indexOf(r)]++);
        }
        // expected 400 each (4000 × 4 / 40)
        for (int h : hits) {
            assertTrue(h > 320 && h < 480, "hits " + java.util.Arrays.toString(hits));
        }
    }
}
