package com.attest.platform.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An address whose parameters a page cannot read (an id that is no number or too big for one, a date that is no
 * date, an unknown severity) names nothing: the page answers 404 before any bean runs, as it does for a well-formed
 * id that names no record. Without this, the page's view action is skipped and the page renders around a record it
 * never loaded.
 */
public class MalformedAddressGuard implements PhaseListener {

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.PROCESS_VALIDATIONS;
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        FacesContext context = event.getFacesContext();
        if (context.isPostback() || !context.isValidationFailed() || context.getResponseComplete()) {
            return;
        }
        notFound(context);
    }

    private static void notFound(FacesContext context) {
        try {
            context.getExternalContext().responseSendError(404, "Not found");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.responseComplete();
    }

    /**
     * A parameter with a NUL character names no record either (the database refuses such text): answered 404
     * before any bean looks it up.
     */
    @Override
    public void beforePhase(PhaseEvent event) {
        FacesContext context = event.getFacesContext();
        if (context.isPostback() || context.getResponseComplete()) {
            return;
        }
        boolean nul = context.getExternalContext().getRequestParameterValuesMap().values().stream()
                .flatMap(java.util.Arrays::stream).anyMatch(v -> v != null && v.indexOf('\0') >= 0);
        if (nul) {
            notFound(context);
        }
    }
}
