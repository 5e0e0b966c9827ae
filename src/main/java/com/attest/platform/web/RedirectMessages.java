package com.attest.platform.web;

import com.attest.platform.Forwarded;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.ExternalContextFactory;
import jakarta.faces.context.ExternalContextWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The messages of a request that ends in a redirect ("Incident INC-2026-0042 reported.") are shown on the page it
 * leads to, by whichever node serves that page. Faces' own flash keeps them in the memory of the node that redirected,
 * under a cookie only that node can read: behind a round-robin balancer the page after the redirect is usually served
 * by the other node, which never had them and logs the cookie as tampered with. Kept in the replicated session they
 * were now and then missing there too (the two-node drill failed on it twice): replication does not promise that the
 * next request, on another node, sees what the last one changed. So they wait in the database ({@link KeptMessages}),
 * committed before the redirect is answered, and the redirect sets a cookie saying that they wait: only a page whose
 * request carries it looks them up, so other pages cost nothing more.
 */
public final class RedirectMessages {

    private static final Logger LOG = Logger.getLogger(RedirectMessages.class.getName());

    /** Set by a redirect whose messages wait in the database; a hint only (a forged one finds none). */
    static final String WAITING = "attest-messages";

    private RedirectMessages() {
    }

    /** Before a redirect: the request's messages wait in the database for the page it leads to. */
    static void keep(FacesContext context) {
        List<FacesMessage> messages = context.getMessageList();
        if (messages.isEmpty()) {
            return;
        }
        ExternalContext external = context.getExternalContext();
        try {
            store().keep(external.getSessionId(true), messages);
        } catch (SQLException | RuntimeException e) {
            // what the request did is done: losing what it said is no reason to answer with an error
            LOG.log(Level.WARNING, "Messages before a redirect not kept: " + messages.size(), e);
            return;
        }
        waiting(external, KeptMessages.KEPT_FOR.toSeconds());
    }

    /** Before a page renders: the messages a redirect kept are shown at its top, once. */
    static void show(FacesContext context) {
        if (context.getPartialViewContext().isAjaxRequest()) {
            return; // a page's own update (a poll) is no place for them: the page the redirect leads to is
        }
        ExternalContext external = context.getExternalContext();
        if (!external.getRequestCookieMap().containsKey(WAITING)) {
            return;
        }
        String session = external.getSessionId(false);
        if (!session.isEmpty()) {
            try {
                store().take(session).forEach(message -> context.addMessage(null, message));
            } catch (SQLException | RuntimeException e) {
                // the cookie stays: the next page looks again
                LOG.log(Level.WARNING, "Messages kept before a redirect not shown yet", e);
                return;
            }
        }
        waiting(external, 0); // spent, whatever was found
    }

    private static KeptMessages store() {
        return CDI.current().select(KeptMessages.class).get();
    }

    /** Sets the cookie that says messages wait ({@code maxAge} 0: removes it). */
    private static void waiting(ExternalContext external, long maxAge) {
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        ((HttpServletResponse) external.getResponse()).addHeader("Set-Cookie", WAITING + "=1; Path="
                + request.getContextPath() + "/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (Forwarded.isSecure(request) ? "; Secure" : ""));
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
