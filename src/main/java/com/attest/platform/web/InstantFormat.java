package com.attest.platform.web;

import com.attest.platform.Times;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.convert.FacesConverter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Shows instants as {@code 2026-11-28 14:05:09 UTC} on every page ({@code converter="instant"}). */
@FacesConverter("instant")
public class InstantFormat implements Converter<Instant> {

    private static final DateTimeFormatter FORMAT = Times.FORMAT;

    public static String format(Instant value) {
        return Times.format(value);
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, Instant value) {
        return format(value);
    }

    @Override
    public Instant getAsObject(FacesContext context, UIComponent component, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.from(FORMAT.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw new ConverterException("'" + value + "' is not a time like 2026-11-28 14:05:09 UTC.", e);
        }
    }
}
