package com.attest.intake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.attest.incident.Source;
import com.attest.intake.PayloadMutations.Mutation;
import com.attest.platform.InvalidInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayloadMutationsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");
    private static final List<Mutation> CORPUS = PayloadMutations.corpus(20261128L);

    @Test
    void theCorpusIsLargeWithUniqueNames() {
        assertTrue(CORPUS.size() >= 240, "only " + CORPUS.size() + " mutations");
        Set<String> names = new HashSet<>();
        CORPUS.forEach(m -> assertTrue(names.add(m.name()), "twice: " + m.name()));
        Set<Source> sources = new HashSet<>();
        CORPUS.forEach(m -> sources.add(m.source()));
        assertEquals(Set.of(Source.AZURE_MONITOR, Source.DEFENDER, Source.SENTINEL), sources);
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        List<Mutation> again = PayloadMutations.corpus(20261128L);
        assertEquals(CORPUS.size(), again.size());
        for (int i = 0; i < CORPUS.size(); i++) {
            assertEquals(CORPUS.get(i).name(), again.get(i).name());
            assertEquals(CORPUS.get(i).source(), again.get(i).source());
            assertArrayEquals(CORPUS.get(i).body(), again.get(i).body(), CORPUS.get(i).name());
        }
        assertFalse(CORPUS.stream().map(Mutation::name).toList()
                .equals(PayloadMutations.corpus(7L).stream().map(Mutation::name).toList()),
                "another seed truncates elsewhere");
    }

    @Test
    void theSamplesTheyDeriveFromAreAccepted() {
        PayloadMutations.samples().forEach((file, source) ->
                AlertPayloads.parse(source, AlertPayloads.read(PayloadMutations.sample(file)), NOW));
    }

    @Test
    void everyMutationIsRefusedWithFieldErrors() {
        List<String> accepted = new ArrayList<>();
        for (Mutation m : CORPUS) {
            try {
                AlertPayloads.parse(m.source(), AlertPayloads.read(m.body()), NOW);
                accepted.add(m.name());
            } catch (InvalidInput e) {
                assertFalse(e.errors().isEmpty(), m.name());
                e.errors().forEach(error -> {
                    assertFalse(error.field() == null || error.field().isBlank(), m.name());
                    assertFalse(error.message() == null || error.message().isBlank(), m.name());
                });
            } catch (RuntimeException | Error e) {
                fail(m.name() + " threw " + e, e);
            }
        }
        assertEquals(List.of(), accepted, "accepted");
    }
}
