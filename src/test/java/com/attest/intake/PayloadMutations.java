package com.attest.intake;

import com.attest.incident.Source;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The sample payloads under {@code src/test/resources/intake/} and a corpus of malformed and mutated ones
 * derived from them. {@link AlertPayloads} refuses every mutation with {@code InvalidInput}, so a receiver
 * must answer each with a 4xx and store nothing.
 */
public final class PayloadMutations {

    /** One refused payload: what was done to which sample, the source it is sent as, the exact body. */
    public record Mutation(String name, Source source, byte[] body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String MARK = "@@mutation@@";

    /**
     * Where a sample keeps the members its source requires, by exact path. A common-schema notification may leave its
     * title and severity out (Azure sends cost alerts so): removing them, or giving them null, is no mutation there.
     */
    private record Sample(String file, Source source, String id, String title, String severity,
                          List<String> fired, List<String> required, List<String> containers) {
        boolean requires(String path) {
            return source != Source.AZURE_MONITOR || !(path.equals(title) || path.equals(severity));
        }
    }

    private static final List<Sample> SAMPLES = List.of(
            monitor("monitor/metric-fired.json"),
            monitor("monitor/metric-resolved.json", "data.essentials.resolvedDateTime"),
            monitor("monitor/log-alert-v2-fired.json"),
            monitor("monitor/activity-log-fired.json"),
            defenderAutomation("defender/workflow-automation.json"),
            defenderAutomation("defender/resolved.json"),
            defenderAutomation("defender/with-score.json"),
            defenderResource("defender/arm-alert.json"),
            defenderResource("defender/activity-log-string-remediation.json"),
            sentinelTrigger("sentinel/playbook-create.json"),
            sentinelTrigger("sentinel/playbook-update.json"),
            sentinelTrigger("sentinel/playbook-update-closed.json"),
            new Sample("sentinel/incident-resource.json", Source.SENTINEL, "id", "properties.title",
                    "properties.severity", List.of("properties.createdTimeUtc", "properties.firstActivityTimeUtc"),
                    List.of("properties.status"), List.of("properties")));

    private static final List<String[]> WRONG_TYPES = List.of(
            new String[] {"a number", "42"},
            new String[] {"an array", "[\"x\"]"},
            new String[] {"an object", "{\"value\":\"x\"}"},
            new String[] {"null", "null"},
            new String[] {"a boolean", "true"});

    private static final List<Odd> ODD = List.of(
            new Odd("an unpaired high surrogate escape \\ud800", ascii("\\ud800")),
            new Odd("an unpaired low surrogate escape \\udc00", ascii("\\udc00")),
            new Odd("reversed surrogate escapes \\udc00\\ud800", ascii("\\udc00\\ud800")),
            new Odd("a \\u0000 escape", ascii("\\u0000")),
            new Odd("a raw NUL byte", bytes(0x00)),
            new Odd("a raw tab byte", bytes(0x09)),
            new Odd("invalid UTF-8 C3 28", bytes(0xC3, 0x28)),
            new Odd("overlong UTF-8 C0 AF", bytes(0xC0, 0xAF)),
            new Odd("overlong UTF-8 E0 80 AF", bytes(0xE0, 0x80, 0xAF)),
            new Odd("a UTF-8 encoded surrogate ED A0 80", bytes(0xED, 0xA0, 0x80)),
            new Odd("a lone continuation byte 80", bytes(0x80)),
            new Odd("the byte FF", bytes(0xFF)),
            new Odd("a truncated UTF-8 sequence E2 82", bytes(0xE2, 0x82)),
            new Odd("a byte order mark EF BB BF", bytes(0xEF, 0xBB, 0xBF)),
            new Odd("a right-to-left override E2 80 AE", bytes(0xE2, 0x80, 0xAE)),
            new Odd("a \\u0007 escape", ascii("\\u0007")));

    private static final List<String> BAD_TIMES = List.of("9999-12-31T23:59:59Z", "yesterday", "",
            "2026-11-27 21:14:03", "2026-02-30T10:00:00Z", "1999-12-31T23:59:59Z", "27/11/2026 21:14:03",
            "2026-11-27T21:14:03.1234567890Z", "1764278043", "2026-11-27T25:14:03Z");
    private static final List<String> BAD_MONITOR_SEVERITIES = List.of("Sev5", "Sev9", "Sev-1", "Critical", "High",
            "sev 2", "2", "Sev 0");
    private static final List<String> BAD_SEVERITIES = List.of("Sev1", "Critical", "Severe", "Info", "Highest", "",
            "Moderate", "3");

    private record Odd(String name, byte[] bytes) {
    }

    private PayloadMutations() {
    }

    /**
     * Valid shapes that are not mutated: they lack members the corpus mutates (a cost alert has neither rule nor
     * severity) or only repeat a sample's shape.
     */
    private static final Map<String, Source> UNMUTATED = Map.of(
            "monitor/cost-budget-actual.json", Source.AZURE_MONITOR,
            "monitor/service-health.json", Source.AZURE_MONITOR,
            "monitor/resource-health.json", Source.AZURE_MONITOR,
            "sentinel/playbook-update-closed-first-seen.json", Source.SENTINEL,
            "sentinel/playbook-update-closed-true-positive.json", Source.SENTINEL);

    /** The samples, each with the source it is sent as, in a fixed order (the unmutated ones last). */
    public static Map<String, Source> samples() {
        Map<String, Source> out = new LinkedHashMap<>();
        SAMPLES.forEach(s -> out.put(s.file(), s.source()));
        new java.util.TreeMap<>(UNMUTATED).forEach(out::put);
        return out;
    }

    /** A sample's bytes, by its path under {@code intake/} (such as {@code "defender/arm-alert.json"}). */
    public static byte[] sample(String file) {
        try (InputStream in = PayloadMutations.class.getResourceAsStream("/intake/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No sample intake/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The corpus: the same seed always gives the same mutations, names and bytes. */
    public static List<Mutation> corpus(long seed) {
        Corpus corpus = new Corpus(new Random(seed));
        for (Sample sample : SAMPLES) {
            corpus.mutate(sample);
        }
        for (Source source : List.of(Source.AZURE_MONITOR, Source.DEFENDER, Source.SENTINEL)) {
            corpus.whole(SAMPLES.stream().filter(s -> s.source() == source).findFirst().orElseThrow());
        }
        return List.copyOf(corpus.out);
    }

    private static final class Corpus {
        private final Random random;
        private final List<Mutation> out = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private int turn;

        Corpus(Random random) {
            this.random = random;
        }

        private <T> T next(List<T> choices) {
            return choices.get(turn++ % choices.size());
        }

        private void add(Sample sample, String what, Source source, byte[] body) {
            String name = sample.file() + ": " + what;
            if (!names.add(name)) {
                throw new IllegalStateException("Two mutations named " + name);
            }
            out.add(new Mutation(name, source, body));
        }

        private void add(Sample sample, String what, byte[] body) {
            add(sample, what, sample.source(), body);
        }

        void mutate(Sample s) {
            byte[] original = sample(s.file());
            JsonObject json = parse(original);
            boolean first = SAMPLES.stream().filter(x -> x.source() == s.source()).findFirst().orElseThrow() == s;

            int end = original.length - 1;
            while (original[end] != '}') {
                end--;
            }
            Set<Integer> cuts = new HashSet<>();
            while (cuts.size() < 4) {
                int cut = 1 + random.nextInt(end - 1);
                if (cuts.add(cut)) {
                    add(s, "truncated at byte " + cut, Arrays.copyOf(original, cut));
                }
            }

            List<String> members = new ArrayList<>(List.of(s.id(), s.title(), s.severity(), s.fired().get(0)));
            members.addAll(s.required());
            for (String path : members) {
                if (s.requires(path) && (!path.equals(s.fired().get(0)) || s.fired().size() == 1)) {
                    add(s, path + " removed", write(set(json, path, null)));
                }
            }
            if (s.fired().size() > 1) {
                JsonObject without = json;
                for (String path : s.fired()) {
                    without = set(without, path, null);
                }
                add(s, String.join(" and ", s.fired()) + " removed", write(without));
            }
            for (String path : s.containers()) {
                add(s, path + " removed", write(set(json, path, null)));
            }

            for (String path : members) {
                String[] type = next(WRONG_TYPES);
                if (type[1].equals("null") && (!s.requires(path)
                        || s.fired().size() > 1 && path.equals(s.fired().get(0)))) {
                    type = next(WRONG_TYPES);
                }
                add(s, path + " given " + type[0], marked(json, path, ascii(type[1])));
            }
            for (String path : s.containers()) {
                add(s, path + " given a string", marked(json, path, ascii("\"x\"")));
                String[] type = next(WRONG_TYPES.subList(0, 2));
                add(s, path + " given " + type[0], marked(json, path, ascii(type[1])));
            }

            List<Integer> lengths = first ? List.of(600, 5_000, 200_000) : List.of(600, 5_000);
            for (int length : lengths) {
                add(s, s.id() + " of " + count(length) + " characters", marked(json, s.id(), quoted("i".repeat(length))));
                add(s, s.severity() + " of " + count(length) + " characters",
                        marked(json, s.severity(), quoted("S".repeat(length))));
                int titleLength = length == 600 ? PayloadFields.MAX_TITLE_INPUT + 1 : length;
                add(s, s.title() + " of " + count(titleLength) + " characters",
                        marked(json, s.title(), quoted("t".repeat(titleLength))));
            }
            if (first) {
                add(s, s.title() + " of 100,000 euro signs (300,000 bytes)", marked(json, s.title(), quoted("€".repeat(100_000))));
            }

            String id = ((JsonString) get(json, s.id())).getString();
            for (int i = 0; i < 3; i++) {
                Odd odd = next(ODD);
                add(s, s.id() + " with " + odd.name(), marked(json, s.id(), inserted(id, odd.bytes())));
            }
            String severity = ((JsonString) get(json, s.severity())).getString();
            Odd odd = next(ODD);
            add(s, s.severity() + " with " + odd.name(), marked(json, s.severity(), inserted(severity, odd.bytes())));

            for (int i = 0; i < 3; i++) {
                String time = next(BAD_TIMES);
                add(s, s.fired().get(0) + " \"" + time + "\"", marked(json, s.fired().get(0), quoted(time)));
            }
            List<String> severities = s.source() == Source.AZURE_MONITOR ? BAD_MONITOR_SEVERITIES : BAD_SEVERITIES;
            for (int i = 0; i < 3; i++) {
                String word = next(severities);
                add(s, s.severity() + " \"" + word + "\"", marked(json, s.severity(), quoted(word)));
            }

            int depth = next(List.of(32, 40, 100, 1_000, 5_000));
            add(s, "a new top-level member holding " + count(depth) + " nested arrays",
                    marked(json, "nested", ascii("[".repeat(depth) + "]".repeat(depth))));
            depth = next(List.of(40, 5_000, 33, 1_000, 100));
            add(s, "a new top-level member holding " + count(depth) + " nested objects",
                    marked(json, "nested", ascii("{\"a\":".repeat(depth) + "0" + "}".repeat(depth))));

            String idName = s.id().substring(s.id().lastIndexOf('.') + 1);
            String parent = s.id().contains(".") ? s.id().substring(0, s.id().lastIndexOf('.') + 1) : "";
            add(s, s.id() + " given twice", replaced(write(set(json, parent + MARK, Json.createValue("other"))),
                    "\"" + MARK + "\"", "\"" + idName + "\""));
            add(s, s.id() + " also given as " + idName.toUpperCase(Locale.ROOT),
                    write(set(json, parent + idName.toUpperCase(Locale.ROOT), Json.createValue("other"))));

            for (Source other : List.of(Source.AZURE_MONITOR, Source.DEFENDER, Source.SENTINEL)) {
                if (other != s.source()) {
                    add(s, "sent as " + other, other, original);
                }
            }
            specific(s, json);
        }

        /** Source-specific refusals: schema and event words, status words, ids, resolution times. */
        private void specific(Sample s, JsonObject json) {
            switch (s.source()) {
                case AZURE_MONITOR -> {
                    for (int i = 0; i < 2; i++) {
                        String schema = next(List.of("azureMonitorCommonAlertSchemaV2", "AzureMonitorMetricAlert",
                                "Microsoft.Insights/activityLogs", "", "azuremonitorcommonalertschema"));
                        add(s, "schemaId \"" + schema + "\"", marked(json, "schemaId", quoted(schema)));
                    }
                    String condition = next(List.of("Active", "Closed", "Fire", "Resolve"));
                    add(s, "data.essentials.monitorCondition \"" + condition + "\"",
                            marked(json, "data.essentials.monitorCondition", quoted(condition)));
                    if (s.required().contains("data.essentials.resolvedDateTime")) {
                        add(s, "data.essentials.resolvedDateTime before firedDateTime",
                                marked(json, "data.essentials.resolvedDateTime", quoted("2026-11-27T20:00:00Z")));
                        add(s, "data.essentials.resolvedDateTime in the year 9999",
                                marked(json, "data.essentials.resolvedDateTime", quoted("9999-01-01T00:00:00Z")));
                    }
                }
                case DEFENDER -> {
                    String path = s.severity().replace("everity", "tatus");
                    String status = next(List.of("Closed", "New", "Open", "Suppressed"));
                    add(s, path + " \"" + status + "\"", marked(json, path, quoted(status)));
                }
                case SENTINEL -> {
                    String status = next(List.of("Resolved", "Dismissed", "Open"));
                    String statusPath = s.severity().replace("severity", "status");
                    add(s, statusPath + " \"" + status + "\"", marked(json, statusPath, quoted(status)));
                    String name = ((JsonString) get(json, s.id().replace("id", "name"))).getString();
                    add(s, s.id() + " only the incident name", marked(json, s.id(), quoted(name)));
                    if (s.id().startsWith("object.")) {
                        for (int i = 0; i < 2; i++) {
                            String type = next(List.of("Alert", "Entity", "Incidents", ""));
                            add(s, "objectSchemaType \"" + type + "\"", marked(json, "objectSchemaType", quoted(type)));
                            String event = next(List.of("Delete", "Created", "", "Closed"));
                            add(s, "objectEventType \"" + event + "\"", marked(json, "objectEventType", quoted(event)));
                        }
                    }
                    if (get(json, statusPath).equals(Json.createValue("Closed"))) {
                        String path = s.severity().replace("severity", "classification");
                        add(s, path + " \"False Positive\"", marked(json, path, quoted("False Positive")));
                        add(s, "closed with lastModifiedTimeUtc before createdTimeUtc",
                                marked(json, s.severity().replace("severity", "lastModifiedTimeUtc"),
                                        quoted("2026-11-01T00:00:00Z")));
                    }
                }
                default -> throw new IllegalArgumentException(s.source().name());
            }
        }

        /** Bodies that are not one alert object at all. */
        void whole(Sample s) {
            byte[] original = sample(s.file());
            String text = new String(original, StandardCharsets.UTF_8);
            add(s, "wrapped in an array", utf8("[" + text + "]"));
            add(s, "sent as one JSON string", utf8(Json.createValue(text).toString()));
            add(s, "replaced by the number 42", ascii("42"));
            add(s, "replaced by null", ascii("null"));
            add(s, "replaced by true", ascii("true"));
            add(s, "replaced by an empty body", new byte[0]);
            add(s, "replaced by whitespace", ascii(" \r\n\t "));
            add(s, "replaced by a byte order mark", bytes(0xEF, 0xBB, 0xBF));
            add(s, "replaced by an empty object", ascii("{}"));
            add(s, "followed by a second copy", utf8(text + text));
            add(s, "followed by a stray x", utf8(text.strip() + " x"));
            add(s, "with 10,001 numbers in a new member", marked(parse(original), "values",
                    ascii("[" + "0,".repeat(10_000) + "0]")));
            add(s, "with a 101-digit number in a new member", marked(parse(original), "number",
                    ascii("1".repeat(101))));
        }
    }

    private static Sample monitor(String file, String... required) {
        List<String> words = new ArrayList<>(List.of("schemaId"));
        words.addAll(List.of(required));
        return new Sample(file, Source.AZURE_MONITOR, "data.essentials.alertId", "data.essentials.alertRule",
                "data.essentials.severity", List.of("data.essentials.firedDateTime"), words,
                List.of("data", "data.essentials"));
    }

    private static Sample defenderAutomation(String file) {
        return new Sample(file, Source.DEFENDER, "SystemAlertId", "AlertDisplayName", "Severity",
                List.of("TimeGeneratedUtc", "StartTimeUtc"), List.of(), List.of());
    }

    private static Sample defenderResource(String file) {
        return new Sample(file, Source.DEFENDER, "properties.systemAlertId", "properties.alertDisplayName",
                "properties.severity", List.of("properties.timeGeneratedUtc", "properties.startTimeUtc"), List.of(),
                List.of("properties"));
    }

    private static Sample sentinelTrigger(String file) {
        return new Sample(file, Source.SENTINEL, "object.id", "object.properties.title", "object.properties.severity",
                List.of("object.properties.createdTimeUtc", "object.properties.firstActivityTimeUtc"),
                List.of("objectSchemaType", "objectEventType", "object.properties.status"),
                List.of("object", "object.properties"));
    }

    private static JsonObject parse(byte[] body) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    private static JsonValue get(JsonObject json, String path) {
        JsonValue v = json;
        for (String key : path.split("\\.")) {
            v = v.asJsonObject().get(key);
        }
        return v;
    }

    /** A copy with the member at {@code path} set to {@code value}, or removed when it is null. */
    private static JsonObject set(JsonObject json, String path, JsonValue value) {
        int dot = path.indexOf('.');
        JsonObjectBuilder builder = Json.createObjectBuilder(json);
        if (dot < 0) {
            if (value == null) {
                builder.remove(path);
            } else {
                builder.add(path, value);
            }
        } else {
            String key = path.substring(0, dot);
            builder.add(key, set(json.getJsonObject(key), path.substring(dot + 1), value));
        }
        return builder.build();
    }

    /** The sample written compactly with the member at {@code path} holding exactly {@code raw}. */
    private static byte[] marked(JsonObject json, String path, byte[] raw) {
        byte[] body = write(set(json, path, Json.createValue(MARK)));
        byte[] mark = utf8("\"" + MARK + "\"");
        int at = indexOf(body, mark);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + raw.length);
        out.write(body, 0, at);
        out.write(raw, 0, raw.length);
        out.write(body, at + mark.length, body.length - at - mark.length);
        return out.toByteArray();
    }

    private static byte[] replaced(byte[] body, String from, String to) {
        return utf8(new String(body, StandardCharsets.UTF_8).replace(from, to));
    }

    /** A JSON string: {@code value} with {@code odd} spliced into its middle, byte for byte. */
    private static byte[] inserted(String value, byte[] odd) {
        int half = value.length() / 2;
        byte[] head = quoted(value.substring(0, half));
        byte[] tail = quoted(value.substring(half));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head, 0, head.length - 1);
        out.write(odd, 0, odd.length);
        out.write(tail, 1, tail.length - 1);
        return out.toByteArray();
    }

    private static byte[] write(JsonObject json) {
        return utf8(json.toString());
    }

    private static byte[] quoted(String value) {
        return utf8(Json.createValue(value).toString());
    }

    private static int indexOf(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i <= body.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("No mark in the body");
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
