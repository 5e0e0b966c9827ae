package com.attest.customernotice.rest;

import com.attest.customernotice.CustomerNotice;
import com.attest.customernotice.CustomerNoticeService;
import com.attest.customernotice.NoticeClock;
import com.attest.customernotice.NoticeDecision;
import com.attest.customernotice.NoticeDelivery;
import com.attest.platform.InvalidInput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the notice API shows a notice, its evidence and the clock. */
final class NoticeJson {

    private NoticeJson() {
    }

    static Map<String, Object> clock(NoticeClock c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", c.deadline().kind());
        m.put("from", c.deadline().from());
        m.put("dueAt", c.deadline().dueAt());
        m.put("period", c.deadline().period());
        m.put("basis", c.deadline().basis());
        m.put("state", c.clock().state());
        m.put("marginSeconds", c.clock().margin().getSeconds());
        m.put("metAt", c.metAt());
        return m;
    }

    static Map<String, Object> notice(CustomerNotice n, CustomerNoticeService notices, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.getId());
        m.put("version", n.getVersion());
        m.putAll(n.snapshot());
        if (full) {
            m.put("text", n.getText());
            m.put("body", n.body());
            m.put("decisions", notices.decisions(n.getId()).stream().map(NoticeDecision::snapshot).toList());
            notices.delivery(n.getId()).ifPresent(d -> m.put("delivery", delivery(d, notices)));
        }
        return m;
    }

    static Map<String, Object> delivery(NoticeDelivery d, CustomerNoticeService notices) {
        Map<String, Object> m = new LinkedHashMap<>(d.snapshot());
        m.put("id", d.getId());
        notices.notification(d).ifPresent(n -> {
            m.put("mailState", n.getState());
            m.put("graphRequestId", n.getExternalId());
            m.put("sentAt", n.getSentAt());
            m.put("lastError", n.getLastError());
        });
        return m;
    }

    static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "'" + text + "' is not an ISO-8601 instant such as 2026-11-28T09:30:00Z.");
        }
    }

    static long version(Long version) {
        if (version == null) {
            throw new InvalidInput("version", "Send the notice's version as you saw it.");
        }
        return version;
    }
}
