package com.attest.security;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The addresses the features open to auditors, as they declared them ({@link AuditorRules}), and the verdict on one
 * request: a reading page or endpoint passes; one that names a record passes when the record exists and the day it is
 * dated by falls in the auditor's periods, and is "not found" otherwise, as if it did not exist; anything else no
 * feature declared is closed.
 */
public final class AuditorRoutes {

    /** The day a record is dated by, from its key (a reference or an id as the address carries it); empty: none. */
    @FunctionalInterface
    public interface Dating {
        Optional<LocalDate> dayOf(String key, ZoneId zone);

        /** Dated by an instant (detection, the day it was held), read in the organisation's time zone. */
        static Dating at(Function<String, Optional<Instant>> instant) {
            return (key, zone) -> instant.apply(key).map(at -> at.atZone(zone).toLocalDate());
        }

        /** Dated by a day (an evidence item's period date). */
        static Dating on(Function<String, Optional<LocalDate>> day) {
            return (key, zone) -> day.apply(key);
        }

        /** A numeric id, or empty when the key is not one (an address like {@code ?id=abc} names nothing). */
        static Optional<Long> number(String key) {
            try {
                return Optional.of(Long.parseLong(key.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** What the boundary does with a request. */
    public enum Verdict { PASS, NOT_FOUND, CLOSED }

    private record RecordPage(String parameter, Dating dating) {
    }

    private record RecordApi(Pattern pattern, Dating dating) {
    }

    private final Set<String> pages = new HashSet<>();
    private final Map<String, RecordPage> recordPages = new HashMap<>();
    private final List<Pattern> readingApi = new ArrayList<>();
    private final List<RecordApi> recordApi = new ArrayList<>();
    private final List<Pattern> requests = new ArrayList<>();

    /** A page an auditor reads that names no record, or that narrows its lists to the auditor's periods itself. */
    public AuditorRoutes page(String path) {
        pages.add(path);
        return this;
    }

    /** A page that shows one record, named by the request parameter {@code parameter}. */
    public AuditorRoutes recordPage(String path, String parameter, Dating dating) {
        recordPages.put(path, new RecordPage(parameter, dating));
        return this;
    }

    /** Reading endpoints (a regular expression over the whole path) that are not kept to a period. */
    public AuditorRoutes readingApi(String pattern) {
        readingApi.add(Pattern.compile(pattern));
        return this;
    }

    /** Reading endpoints whose first group names one record; everything below them is kept to its period too. */
    public AuditorRoutes recordApi(String pattern, Dating dating) {
        recordApi.add(new RecordApi(Pattern.compile(pattern), dating));
        return this;
    }

    /**
     * Endpoints an auditor may POST to because they ask for something rather than change a record (an evidence
     * pack of their period); the service behind them keeps each to the auditor's engagement.
     */
    public AuditorRoutes request(String pattern) {
        requests.add(Pattern.compile(pattern));
        return this;
    }

    /** Whether a POST to {@code path} is an auditor's request. */
    public boolean isRequest(String path) {
        return requests.stream().anyMatch(p -> p.matcher(path).matches());
    }

    /** The verdict on a reading API call ({@code path} below the context root). */
    public Verdict api(String path, List<AuditPeriod> periods, ZoneId zone) {
        for (RecordApi route : recordApi) {
            Matcher m = route.pattern().matcher(path);
            if (m.matches()) {
                return within(route.dating(), m.group(1), periods, zone);
            }
        }
        return readingApi.stream().anyMatch(p -> p.matcher(path).matches()) || isRequest(path) ? Verdict.PASS
                : Verdict.CLOSED;
    }

    /** The verdict on a page, given how to read its request parameters. */
    public Verdict page(String path, Function<String, String> parameters, List<AuditPeriod> periods, ZoneId zone) {
        RecordPage record = recordPages.get(path);
        if (record != null) {
            String key = parameters.apply(record.parameter());
            return key == null ? Verdict.PASS : within(record.dating(), key, periods, zone);
        }
        return pages.contains(path) ? Verdict.PASS : Verdict.CLOSED;
    }

    private static Verdict within(Dating dating, String key, List<AuditPeriod> periods, ZoneId zone) {
        return dating.dayOf(key, zone).filter(day -> AuditPeriod.anyContains(periods, day)).isPresent()
                ? Verdict.PASS : Verdict.NOT_FOUND;
    }
}
