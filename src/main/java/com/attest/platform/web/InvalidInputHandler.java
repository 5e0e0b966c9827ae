package com.attest.platform.web;

import com.attest.platform.InvalidInput;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.component.UIForm;
import jakarta.faces.component.visit.VisitContext;
import jakarta.faces.component.visit.VisitResult;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.persistence.OptimisticLockException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import org.primefaces.csp.CspException;

/**
 * Turns what a service refused into messages where the person sees them, so no page catches it by hand: each field
 * error of an {@link InvalidInput} beside the field of that id in the form that was submitted (at the top of the page
 * when the form has no such field), and a change someone else committed first into one message asking to reload.
 * Everything else goes on to the next handler (PrimeFaces', then the error page).
 *
 * <p>A postback whose view state cannot be restored (expired, forged, empty, another session's) or whose CSP nonce
 * is missing or wrong ends there: PrimeFaces may still tell a person whose page expired (its dialog, or the expired
 * page), but nothing of the request is applied or invoked — the request is answered 400 if nothing else was answered.
 * Left to itself, the lifecycle would carry on with a freshly built view and run the submitted action.
 */
public class InvalidInputHandler extends ExceptionHandlerWrapper {

    /** Installs the handler in front of the one configured before it (faces-config.xml). */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new InvalidInputHandler(getWrapped().getExceptionHandler());
        }
    }

    public InvalidInputHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() throws FacesException {
        FacesContext context = FacesContext.getCurrentInstance();
        boolean untrusted = false;
        for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext();) {
            Throwable failure = events.next().getContext().getException();
            InvalidInput invalid = cause(failure, InvalidInput.class);
            if (cause(failure, ViewExpiredException.class) != null || cause(failure, CspException.class) != null) {
                untrusted = true;
            } else if (invalid != null) {
                Forms.show(invalid, submittedForm(context));
                events.remove();
            } else if (concurrentChange(failure)) {
                Forms.error("page.conflict");
                context.validationFailed();
                events.remove();
            }
        }
        try {
            getWrapped().handle();
        } finally {
            if (untrusted) {
                refuse(context);
            }
        }
    }

    /** Ends a request whose view could not be trusted, before any of its values is applied or its action invoked. */
    private static void refuse(FacesContext context) {
        if (context == null) {
            return;
        }
        ExternalContext external = context.getExternalContext();
        if (!context.getResponseComplete() && !external.isResponseCommitted()) {
            try {
                external.responseSendError(400, "The page could not be restored; reload it.");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        context.responseComplete();
    }

    /**
     * Someone else's change committed first: a version that moved on, the same new record stored twice, or two
     * transactions that could not both commit.
     */
    static boolean concurrentChange(Throwable failure) {
        if (cause(failure, OptimisticLockException.class) != null) {
            return true;
        }
        SQLException sql = cause(failure, SQLException.class);
        return sql != null && ("23505".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState())
                || "40P01".equals(sql.getSQLState()));
    }

    /** The first {@code type} in the chain of causes, or null. */
    static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The client id of the form this request submitted, or null when none is known. */
    private static String submittedForm(FacesContext context) {
        if (context.getViewRoot() == null) {
            return null;
        }
        AtomicReference<String> found = new AtomicReference<>();
        context.getViewRoot().visitTree(VisitContext.createVisitContext(context), (visit, component) -> {
            if (component instanceof UIForm form && form.isSubmitted()) {
                found.set(form.getClientId(visit.getFacesContext()));
                return VisitResult.COMPLETE;
            }
            return VisitResult.ACCEPT;
        });
        return found.get();
    }
}
