package com.attest.platform.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.ExternalContextFactory;
import jakarta.faces.context.ExternalContextWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of a request that ends in a redirect ("Incident INC-2026-0042 reported.") are shown on the page it
 * leads to, by whichever node serves that page: between the two requests they are kept in the person's session,
 * which the cluster replicates. Faces' own flash keeps them in the memory of the node that redirected, under a
 * cookie only that node can read: behind a round-robin balancer the page after the redirect is usually served by
 * the other node, which never had them and logs the cookie as tampered with.
 */
public final class RedirectMessages {

    static final String KEPT = RedirectMessages.class.getName();

    private RedirectMessages() {
    }

    /** Before a redirect: the request's messages wait in the session for the page it leads to. */
    static void keep(FacesContext context) {
        List<FacesMessage> messages = context.getMessageList();
        if (messages.isEmpty()) {
            return;
        }
        HttpSession session = (HttpSession) context.getExternalContext().getSession(true);
        ArrayList<FacesMessage> kept = new ArrayList<>();
        if (session.getAttribute(KEPT) instanceof List<?> earlier) {
            earlier.forEach(message -> kept.add((FacesMessage) message));
        }
        kept.addAll(messages);
        session.setAttribute(KEPT, kept); // set again, so the replicated session carries them
    }

    /** Before a page renders: the messages a redirect kept are shown at its top, once. */
    static void show(FacesContext context) {
        if (context.getPartialViewContext().isAjaxRequest()) {
            return; // a page's own update (a poll) is no place for them: the page the redirect leads to is
        }
        HttpSession session = (HttpSession) context.getExternalContext().getSession(false);
        if (session != null && session.getAttribute(KEPT) instanceof List<?> kept) {
            session.removeAttribute(KEPT);
            kept.forEach(message -> context.addMessage(null, (FacesMessage) message));
        }
    }

    /** Keeps the messages of every redirect, whether navigation or a bean asks for it. */
    public static final class Factory extends ExternalContextFactory {

        public Factory(ExternalContextFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExternalContext getExternalContext(Object context, Object request, Object response) {
            return new ExternalContextWrapper(getWrapped().getExternalContext(context, request, response)) {
                @Override
                public void redirect(String url) throws IOException {
                    FacesContext faces = FacesContext.getCurrentInstance();
                    if (faces != null) {
                        keep(faces);
                    }
                    super.redirect(url);
                }
            };
        }
    }

    /** Shows kept messages on the page a redirect led to. */
    public static final class Show implements PhaseListener {

        @Override
        public PhaseId getPhaseId() {
            return PhaseId.RENDER_RESPONSE;
        }

        @Override
        public void beforePhase(PhaseEvent event) {
            show(event.getFacesContext());
        }
    }
}
