package com.attest.platform.rest;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A body that is not the JSON an endpoint takes — not JSON at all, a wrong type, an unknown value of a list —
 * answers 400, not 500, naming the property when JSON-B names it (and for a list of values, the values it takes).
 * Jersey hands JSON-B's refusal over wrapped in a {@link ProcessingException}.
 */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<ProcessingException> {

    static final String MESSAGE = "The request body is not valid JSON for this endpoint.";

    @Override
    public Response toResponse(ProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException) {
                return refusal(e);
            }
        }
        return ErrorBodies.response(500, "request", "The portal could not answer this request.");
    }

    private static final Pattern PROPERTY = Pattern.compile("property '([A-Za-z0-9_]+)'");
    private static final Pattern ENUM = Pattern.compile("No enum constant ([A-Za-z0-9_.$]+)\\.([^\\s.]+)");

    /** 400 naming what JSON-B's messages (anywhere in the chain) name: the property, and an enum's values. */
    static Response refusal(Throwable failure) {
        String field = null;
        String message = null;
        String enumType = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage();
            Matcher property = PROPERTY.matcher(text);
            if (field == null && property.find()) {
                field = property.group(1);
            }
            Matcher constant = ENUM.matcher(text);
            if (message == null && constant.find()) {
                message = values(constant.group(1), constant.group(2));
                enumType = constant.group(1);
            }
        }
        if (field == null && enumType != null) {
            // a record's creator names no property: the field is the one named after its type (severity, status…)
            String simple = enumType.substring(Math.max(enumType.lastIndexOf('.'), enumType.lastIndexOf('$')) + 1);
            field = Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
        }
        if (field == null) {
            return ErrorBodies.response(400, "body", MESSAGE);
        }
        return ErrorBodies.response(400, field, message != null ? message
                : "Not a value of the kind this field takes.");
    }

    private static String values(String enumClass, String given) {
        try {
            Object[] constants = Class.forName(enumClass, false, MalformedJsonMapper.class.getClassLoader())
                    .getEnumConstants();
            if (constants != null) {
                return "'" + given + "' is not one of " + Arrays.stream(constants).map(Object::toString)
                        .collect(Collectors.joining(", ")) + ".";
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // fall through: the value is named without the list
        }
        return "'" + given + "' is not a value this field takes.";
    }

    /** JSON-B's refusal when it reaches the resource unwrapped. */
    @Provider
    public static class Unwrapped implements ExceptionMapper<JsonbException> {

        @Override
        public Response toResponse(JsonbException e) {
            return refusal(e);
        }
    }
}
