package com.attest.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void keysAreSortedWhateverTheInsertionOrder() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("b", 1);
        a.put("a", "x");
        Map<String, Object> b = new HashMap<>();
        b.put("a", "x");
        b.put("b", 1);
        assertEquals("{\"a\":\"x\",\"b\":1}", CanonicalJson.write(a));
        assertEquals(CanonicalJson.write(a), CanonicalJson.write(b));
    }

    @Test
    void keysThatAreNotStringsAreWrittenAndSortedAsTheirStringForm() {
        Map<Object, Object> value = new LinkedHashMap<>();
        value.put(10, "ten");
        value.put(2, "two");
        value.put("1", "one");
        assertEquals("{\"1\":\"one\",\"10\":\"ten\",\"2\":\"two\"}", CanonicalJson.write(value));
    }

    @Test
    void stringsAreEscapedOneWayOnly() {
        assertEquals("\"q\\\"b\\\\n\\nt\\tc\\u0001\"", CanonicalJson.write("q\"b\\n\nt\tc\u0001"));
        assertEquals("\"<script>é</script>\"", CanonicalJson.write("<script>é</script>"));
    }

    @Test
    void instantsAreKeptAtMicrosecondsInUtc() {
        Instant nanos = Instant.parse("2026-11-28T10:15:30.123456789Z");
        assertEquals("\"2026-11-28T10:15:30.123456Z\"", CanonicalJson.write(nanos));
        assertEquals(CanonicalJson.storable(nanos), Instant.parse("2026-11-28T10:15:30.123456Z"));
    }

    @Test
    void nestedValuesNullsNumbersDatesAndEnums() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("list", List.of(1, "two", true));
        value.put("none", null);
        value.put("amount", new BigDecimal("10.500"));
        value.put("day", LocalDate.of(2026, 1, 31));
        value.put("unit", java.util.concurrent.TimeUnit.SECONDS);
        value.put("inner", Map.of("z", Arrays.asList(null, 2L)));
        assertEquals("{\"amount\":10.5,\"day\":\"2026-01-31\",\"inner\":{\"z\":[null,2]},\"list\":[1,\"two\",true],"
                + "\"none\":null,\"unit\":\"SECONDS\"}", CanonicalJson.write(value));
    }

    @Test
    void refusesWhatItCannotWriteDeterministically() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(1.5d));
    }
}
