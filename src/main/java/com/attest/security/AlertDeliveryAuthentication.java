package com.attest.security;

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
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Alert deliveries ({@code POST /api/intake/…}) pass the container's authentication step as nobody, at once. They
 * authenticate themselves — an intake key or an Entra ID token, checked by the intake endpoint — and the portal's
 * {@link PortalAuthenticationMechanism} has nothing to do for them. Yet the container asks the mechanism on every
 * request, through the Jakarta Security runtime, which looks the mechanism up twice per request (to validate the
 * request and to secure the response): in an alert storm that cost a tenth of the portal's processor time.
 *
 * <p>This wraps the runtime's registration for the portal (the Jakarta Authentication provider the container
 * consults) and answers for deliveries exactly what the mechanism would ({@code doNothing()}: no caller, success);
 * every other request goes to the runtime as before. The path is the only thing decided here: the endpoint is
 * unconstrained in web.xml, so the container admits any caller to it and the endpoint refuses those it does not
 * know. If the runtime registered nothing, this does nothing.
 */
@WebListener
public class AlertDeliveryAuthentication implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(AlertDeliveryAuthentication.class.getName());
    private static final String LAYER = "HttpServlet";
    static final String DELIVERIES = "/api/intake/";
    /** Set by the container on a request for a protected resource. */
    private static final String MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";

    private String registration;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            AuthConfigFactory factory = AuthConfigFactory.getFactory();
            String app = context.getVirtualServerName() + " " + context.getContextPath();
            AuthConfigProvider runtime = factory == null ? null : factory.getConfigProvider(LAYER, app, null);
            if (runtime == null) {
                return;
            }
            registration = factory.registerConfigProvider(new Provider(runtime), LAYER, app,
                    "Attest: alert deliveries authenticate themselves; everything else as the runtime registered");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Alert deliveries go through the full authentication step: {0}", e.toString());
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (registration != null) {
            AuthConfigFactory.getFactory().removeRegistration(registration);
        }
    }

    /**
     * Whether the request is an alert delivery: a POST whose path, as the container mapped it (after normalising
     * it: no {@code ..} reaches elsewhere), is below {@value #DELIVERIES}.
     */
    static boolean isDelivery(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String servletPath = request.getServletPath();
        return servletPath.startsWith(DELIVERIES)
                || ("/api".equals(servletPath) && request.getPathInfo() != null
                && request.getPathInfo().startsWith(DELIVERIES.substring(4)));
    }

    private record Provider(AuthConfigProvider runtime) implements AuthConfigProvider {

        @Override
        public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            return new Config(runtime.getServerAuthConfig(layer, appContext, handler), handler);
        }

        @Override
        public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            return runtime.getClientAuthConfig(layer, appContext, handler);
        }

        @Override
        public void refresh() {
            runtime.refresh();
        }
    }

    private record Config(ServerAuthConfig runtime, CallbackHandler handler) implements ServerAuthConfig {

        @Override
        @SuppressWarnings("rawtypes")
        public ServerAuthContext getAuthContext(String authContextId, Subject serviceSubject, Map properties)
                throws AuthException {
            ServerAuthContext context = runtime.getAuthContext(authContextId, serviceSubject, properties);
            return context == null ? null : new Context(context, handler);
        }

        @Override
        public String getAuthContextID(MessageInfo messageInfo) {
            return runtime.getAuthContextID(messageInfo);
        }

        @Override
        public String getMessageLayer() {
            return runtime.getMessageLayer();
        }

        @Override
        public String getAppContext() {
            return runtime.getAppContext();
        }

        @Override
        public void refresh() {
            runtime.refresh();
        }

        @Override
        public boolean isProtected() {
            return runtime.isProtected();
        }
    }

    private record Context(ServerAuthContext runtime, CallbackHandler handler) implements ServerAuthContext {

        @Override
        public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
            if (!delivery(message)) {
                return runtime.validateRequest(message, client, service);
            }
            // what the mechanism's doNothing() tells the container: no caller
            try {
                handler.handle(new Callback[]{new CallerPrincipalCallback(client, (String) null)});
            } catch (IOException | UnsupportedCallbackException e) {
                throw (AuthException) new AuthException("The container refused an anonymous caller").initCause(e);
            }
            return AuthStatus.SUCCESS;
        }

        @Override
        public AuthStatus secureResponse(MessageInfo message, Subject service) throws AuthException {
            return delivery(message) ? AuthStatus.SEND_SUCCESS : runtime.secureResponse(message, service);
        }

        @Override
        public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
            runtime.cleanSubject(message, subject);
        }

        /** A delivery, on a path no constraint protects (so nothing the runtime would have to refuse). */
        private static boolean delivery(MessageInfo message) {
            return message.getRequestMessage() instanceof HttpServletRequest request && isDelivery(request)
                    && !Boolean.parseBoolean(String.valueOf(message.getMap().get(MANDATORY)));
        }
    }
}
