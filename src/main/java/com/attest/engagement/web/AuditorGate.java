package com.attest.engagement.web;

import com.attest.calendar.CalendarService;
import com.attest.engagement.AccessLog;
import com.attest.engagement.AuditorScope;
import com.attest.engagement.Engagement;
import com.attest.engagement.EngagementService;
import com.attest.platform.AccessDenied;
import com.attest.security.AuditPeriod;
import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import com.attest.security.Role;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The auditor's boundary, on the server, for everyone who is an auditor and nothing else:
 * <ul>
 *   <li>with no engagement of theirs open now, every page leads to {@code /engagements/ended.xhtml} and every API
 *       call is answered 403 — access ends by itself when the last window closes;</li>
 *   <li>otherwise they reach the reading pages and the reading API: their engagements, the evidence register, the
 *       incidents, reviews, exercises, action runs, alert payloads and customer notices of the period, the runbook
 *       and policy, control health, the evidence packs of the period and their password page. Any other page or
 *       endpoint, and any API call that is not a GET (but asking for, cancelling or verifying an evidence pack), is
 *       answered 403;</li>
 *   <li>a record outside the periods of their open engagements — an evidence item by its period date, an incident
 *       and everything kept for it by the day it was detected, an exercise by the day it was held, an engagement not
 *       open to them — is answered 404, as if it did not exist. The lists are narrowed to the periods by the pages
 *       themselves ({@link AuditorScope#limits()}).</li>
 * </ul>
 * Every request an auditor makes is logged with the status it was answered (auditor_access). The pages and services
 * check roles again behind this gate, so an auditor never writes.
 */
@WebFilter(filterName = "auditorGate")
public class AuditorGate extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(AuditorGate.class.getName());
    public static final String ENDED_PAGE = "/engagements/ended.xhtml";
    /** Request attribute: this request is in the access log already. */
    private static final String LOGGED = "attest.auditorAccessLogged";
    static final String HOME = "/engagements/list.xhtml";
    private static final String PASSWORD_PAGE = "/account/password.xhtml";
    /** The engagement feature's own pages; every other feature declares its own ({@link AuditorRules}). */
    private static final Set<String> ENGAGEMENT_PAGES = Set.of(HOME, "/engagements/view.xhtml",
            "/engagements/incident.xhtml", "/engagements/request.xhtml");
    /** An auditor draws samples of the population: a request, kept to the engagement below. */
    private static final Pattern API_SAMPLE = Pattern.compile("/api/engagements/\\d+/sample");
    private static final Pattern API_ENGAGEMENT = Pattern.compile("/api/engagements(?:/(\\d+)(?:/.*)?)?");
    /**
     * An auditor files requests, accepts answers and asks follow-ups: requests, which the request service keeps to
     * the auditor's open engagements (a request of another engagement is answered as if it did not exist).
     */
    private static final Pattern API_AUDITOR_REQUEST = Pattern.compile(
            "/api/requests(?:/\\d+(?:/(?:accept|follow-up))?)?");

    /** A file attached to an answer, read by the auditors the request service shows the request to. */
    private static final Pattern API_REQUEST_FILE = Pattern.compile("/api/requests/\\d+/files/\\d+");

    @Inject
    private EngagementService engagements;

    @Inject
    private AuditorScope scope;

    @Inject
    private AccessLog log;

    @Inject
    private Instance<AuditorRules> features;

    @Inject
    private CalendarService calendars;

    /** What every feature opens to auditors, asked once. */
    private volatile AuditorRoutes routes;

    @Inject
    private Clock clock;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            logRefusedByContainer(request);
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.getUserPrincipal() == null || !Role.auditorOnly(Role.of(request)) || isPublic(path)) {
            chain.doFilter(request, response);
            return;
        }
        String username = request.getUserPrincipal().getName();
        Instant now = clock.instant();
        List<Engagement> open = engagements.open(username, now);
        Long engagementId = open.isEmpty() ? null : open.get(0).getId();
        int status = 500;
        try {
            Decision decision = decide(request, path, open);
            if (decision.engagement() != null) {
                engagementId = decision.engagement();
            }
            status = decision.refuse(request, response);
            if (status == 0) {
                chain.doFilter(request, response);
                status = response.getStatus();
            }
        } catch (AccessDenied denied) {
            status = HttpServletResponse.SC_FORBIDDEN;
            throw denied;
        } finally {
            request.setAttribute(LOGGED, Boolean.TRUE);
            try {
                log.record(username, engagementId, now, request.getMethod(), path, request.getQueryString(), status);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Auditor access not logged: " + username + " " + path, e);
            }
        }
    }

    /**
     * An auditor's request the container refused before any filter saw it (a path the web.xml constraints keep from
     * auditors, such as the server's metrics): logged from its error dispatch, with the status it was given.
     */
    private void logRefusedByContainer(HttpServletRequest request) {
        if (request.getAttribute(LOGGED) != null || request.getUserPrincipal() == null
                || !Role.auditorOnly(Role.of(request))) {
            return;
        }
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Integer status = (Integer) request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (uri == null) {
            return;
        }
        String username = request.getUserPrincipal().getName();
        Instant now = clock.instant();
        List<Engagement> open = engagements.open(username, now);
        try {
            log.record(username, open.isEmpty() ? null : open.get(0).getId(), now, request.getMethod(),
                    uri.substring(Math.min(uri.length(), request.getContextPath().length())),
                    null, status == null ? 0 : status);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Auditor access not logged: " + username + " " + uri, e);
        }
    }

    /** What every visitor gets, signed in or not: style sheets, scripts, images, error pages, sign-in, health. */
    private static boolean isPublic(String path) {
        return path.startsWith("/jakarta.faces.resource/") || path.startsWith("/resources/")
                || path.startsWith("/errors/") || path.equals("/login.xhtml") || path.startsWith("/signin/")
                || path.equals("/favicon.ico")
                || path.equals("/health") || path.startsWith("/health/");
    }

    private Decision decide(HttpServletRequest request, String path, List<Engagement> open) {
        boolean api = path.startsWith("/api/");
        if (ENDED_PAGE.equals(path) || PASSWORD_PAGE.equals(path)) {
            return Decision.PASS; // a first password is chosen even before an engagement opens
        }
        if (open.isEmpty()) {
            return api ? Decision.refuse(403, "No engagement of yours is open now: your access has ended or not begun.")
                    : Decision.redirect(ENDED_PAGE);
        }
        List<AuditPeriod> periods = AuditorScope.periods(open);
        AuditorRoutes features = routes();
        ZoneId zone = calendars.zone();
        if (api) {
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
                    && !("POST".equals(request.getMethod()) && (features.isRequest(path)
                    || API_SAMPLE.matcher(path).matches() || API_AUDITOR_REQUEST.matcher(path).matches()))) {
                return Decision.refuse(403, "Auditors read; they change nothing.");
            }
            if (API_AUDITOR_REQUEST.matcher(path).matches() || path.startsWith("/api/requests/engagement/")
                    || API_REQUEST_FILE.matcher(path).matches()) {
                return Decision.PASS;
            }
            Matcher m = API_ENGAGEMENT.matcher(path);
            if (m.matches()) {
                return m.group(1) == null ? Decision.PASS : engagement(Long.parseLong(m.group(1)), open);
            }
            return switch (features.api(path, periods, zone)) {
                case PASS -> Decision.PASS;
                case NOT_FOUND -> Decision.NOT_FOUND;
                case CLOSED -> Decision.refuse(403, "Auditors read the evidence of their engagement only.");
            };
        }
        if (path.equals("/") || path.equals("/index.xhtml")) {
            return Decision.redirect(HOME);
        }
        if (!ENGAGEMENT_PAGES.contains(path)) {
            return switch (features.page(path, request::getParameter, periods, zone)) {
                case PASS -> Decision.PASS;
                case NOT_FOUND -> Decision.NOT_FOUND;
                case CLOSED -> Decision.refuse(403, null);
            };
        }
        String id = request.getParameter("id");
        if (path.equals("/engagements/view.xhtml") && id != null) {
            return number(id) == null ? Decision.NOT_FOUND : engagement(number(id), open);
        }
        if (path.equals("/engagements/incident.xhtml")) {
            String engagement = request.getParameter("engagement");
            String ref = request.getParameter("ref");
            if (engagement != null || ref != null) {
                Long e = engagement == null ? null : number(engagement);
                Engagement within = open.stream().filter(o -> o.getId().equals(e)).findFirst().orElse(null);
                return within != null && ref != null && scope.incidentWithin(ref, List.of(within.period()))
                        ? new Decision(0, null, null, within.getId()) : Decision.NOT_FOUND;
            }
        }
        return Decision.PASS;
    }

    private AuditorRoutes routes() {
        AuditorRoutes r = routes;
        if (r == null) {
            r = new AuditorRoutes();
            for (AuditorRules feature : features) {
                feature.declare(r);
            }
            routes = r;
        }
        return r;
    }

    private static Decision engagement(long id, List<Engagement> open) {
        return open.stream().anyMatch(e -> e.getId() == id) ? new Decision(0, null, null, id) : Decision.NOT_FOUND;
    }

    private static Long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Pass (status 0), answer with a status (and, for the API, a reason), or redirect to a page. */
    private record Decision(int status, String reason, String redirect, Long engagement) {

        static final Decision PASS = new Decision(0, null, null, null);
        static final Decision NOT_FOUND = new Decision(404, null, null, null);

        static Decision refuse(int status, String reason) {
            return new Decision(status, reason, null, null);
        }

        static Decision redirect(String page) {
            return new Decision(302, null, page, null);
        }

        /** Answers the refusal or redirect; returns the status sent, or 0 to let the request through. */
        int refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (status == 0) {
                return 0;
            }
            if (redirect != null) {
                String target = request.getContextPath() + redirect;
                if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
                    response.setContentType("text/xml");
                    response.setCharacterEncoding("UTF-8");
                    response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response>"
                            + "<redirect url=\"" + target + "\"></redirect></partial-response>");
                    return HttpServletResponse.SC_OK;
                }
                response.sendRedirect(target);
                return HttpServletResponse.SC_FOUND;
            }
            if (request.getRequestURI().substring(request.getContextPath().length()).startsWith("/api/")) {
                response.setStatus(status);
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                String text = reason == null ? "Not found." : reason;
                response.getWriter().write(jakarta.json.Json.createObjectBuilder().add("error", text).build()
                        .toString());
                return status;
            }
            response.sendError(status);
            return status;
        }
    }
}
