package com.attest.intake.rest;

import com.attest.incident.Source;
import com.attest.security.PortalAuthenticationMechanism;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Alert deliveries pass the container's authentication step at once. Every request goes through Jakarta
 * Authentication, and the Jakarta Security runtime behind it looks the portal's authentication mechanism up through a
 * naming lookup on each request before {@link PortalAuthenticationMechanism} lets a delivery through untouched (the
 * intake servlet checks the intake key or Entra ID token itself). In an alert storm that lookup is a sizeable part of
 * a delivery's cost; this wraps the registered authentication configuration so that a {@code POST} to an intake
 * endpoint is answered as the mechanism answers it — unauthenticated, nothing done — without asking the mechanism.
 * Every other request goes to the registered configuration unchanged.
 */
@WebListener
public class AlertDeliveryAuthentication implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(AlertDeliveryAuthentication.class.getName());
    private static final String LAYER = "HttpServlet";
    private static final String INTAKE = "/api/intake/";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        // as the Jakarta Authentication servlet profile names an application
        String appContext = context.getVirtualServerName() + " " + context.getContextPath();
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        AuthConfigProvider registered = factory.getConfigProvider(LAYER, appContext, null);
        if (registered == null) {
            LOG.warning("No authentication configuration is registered for " + appContext
                    + "; alert deliveries take the container's full path");
            return;
        }
        factory.registerConfigProvider(new Provider(registered, context.getContextPath()), LAYER, appContext,
                "Alert deliveries pass at once; every other request as registered");
    }

    /** A delivery to an intake endpoint ({@link IntakeServlet}), which checks its key or token itself. */
    static boolean isDelivery(HttpServletRequest request, String contextPath) {
        String uri = request.getRequestURI();
        if (!"POST".equals(request.getMethod()) || !uri.startsWith(contextPath)
                || !uri.startsWith(INTAKE, contextPath.length())) {
            return false;
        }
        String name = uri.substring(contextPath.length() + INTAKE.length());
        // exactly, as the container maps the servlet
        return Source.ofIntakePath(name).filter(s -> s.intakePath().equals(name)).isPresent();
    }

    private record Provider(AuthConfigProvider registered, String contextPath) implements AuthConfigProvider {

        @Override
        public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            return new Config(registered.getServerAuthConfig(layer, appContext, handler), handler, contextPath);
        }

        @Override
        public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            return registered.getClientAuthConfig(layer, appContext, handler);
        }

        @Override
        public void refresh() {
            registered.refresh();
        }
    }

    private record Config(ServerAuthConfig registered, CallbackHandler handler, String contextPath)
            implements ServerAuthConfig {

        @Override
        public ServerAuthContext getAuthContext(String authContextID, Subject serviceSubject,
                                                Map<String, Object> properties) throws AuthException {
            ServerAuthContext context = registered.getAuthContext(authContextID, serviceSubject, properties);
            return context == null ? null : new Context(context, handler, contextPath);
        }

        @Override
        public String getMessageLayer() {
            return registered.getMessageLayer();
        }

        @Override
        public String getAppContext() {
            return registered.getAppContext();
        }

        @Override
        public String getAuthContextID(MessageInfo messageInfo) {
            return registered.getAuthContextID(messageInfo);
        }

        @Override
        public void refresh() {
            registered.refresh();
        }

        @Override
        public boolean isProtected() {
            return registered.isProtected();
        }
    }

    private record Context(ServerAuthContext registered, CallbackHandler handler, String contextPath)
            implements ServerAuthContext {

        @Override
        public AuthStatus validateRequest(MessageInfo messageInfo, Subject clientSubject, Subject serviceSubject)
                throws AuthException {
            if (messageInfo.getRequestMessage() instanceof HttpServletRequest request
                    && isDelivery(request, contextPath)) {
                // what the mechanism's "do nothing" tells the container: no caller, go on
                try {
                    handler.handle(new Callback[] {new CallerPrincipalCallback(clientSubject, (String) null)});
                } catch (IOException | UnsupportedCallbackException e) {
                    throw (AuthException) new AuthException("The container refused an anonymous caller").initCause(e);
                }
                return AuthStatus.SUCCESS;
            }
            return registered.validateRequest(messageInfo, clientSubject, serviceSubject);
        }

        @Override
        public AuthStatus secureResponse(MessageInfo messageInfo, Subject serviceSubject) throws AuthException {
            if (messageInfo.getRequestMessage() instanceof HttpServletRequest request
                    && isDelivery(request, contextPath)) {
                return AuthStatus.SEND_SUCCESS;
            }
            return registered.secureResponse(messageInfo, serviceSubject);
        }

        @Override
        public void cleanSubject(MessageInfo messageInfo, Subject subject) throws AuthException {
            registered.cleanSubject(messageInfo, subject);
        }
    }
}
