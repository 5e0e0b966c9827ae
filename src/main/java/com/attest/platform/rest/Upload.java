package com.attest.platform.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

/**
 * Marks an endpoint that takes a file as its raw body. It takes the file's own type or
 * {@code application/octet-stream}, never one of the three types a page on another site may send without asking
 * first ({@code text/plain}, form data): a file can only reach it from a client that means to send one.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Upload {

    /** Refuses an upload in a type any foreign page could send, or in no type at all, with 415. */
    @Upload
    @Provider
    @Priority(Priorities.HEADER_DECORATOR)
    class Check implements ContainerRequestFilter {

        private static final Set<String> SIMPLE = Set.of("text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data");

        @Override
        public void filter(ContainerRequestContext request) {
            MediaType type = request.getMediaType();
            if (type == null || SIMPLE.contains(type.getType() + "/" + type.getSubtype())) {
                request.abortWith(ErrorBodies.response(415, "Content-Type", "Send the file as"
                        + " application/octet-stream or its own type (such as application/pdf), not "
                        + (type == null ? "without a type" : type.getType() + "/" + type.getSubtype()) + "."));
            }
        }
    }
}
