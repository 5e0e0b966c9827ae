package com.attest.platform.metrics;

import com.attest.platform.rest.ErrorBodies;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /api/metrics}: every family the features declare, in the Prometheus text format. For the compliance
 * lead (HTTP Basic) or a scraper sending {@code Authorization: Bearer <attest.metrics.token>}; anyone else is
 * refused, as the numbers tell an attacker how the response is going.
 */
@Path("metrics")
public class MetricsResource {

    /** The scrape token is a secret: shorter ones are not accepted. */
    static final int MIN_TOKEN_LENGTH = 24;
    private static final String LEAD = "COMPLIANCE_LEAD";
    private static final Logger LOG = Logger.getLogger(MetricsResource.class.getName());

    @Inject
    @Any
    private Instance<MetricSource> sources;

    @Inject
    private Metrics metrics;

    @Inject
    @ConfigProperty(name = "attest.metrics.token")
    private Optional<String> token;

    @Context
    private SecurityContext security;

    @Context
    private HttpHeaders headers;

    @GET
    public Response scrape() {
        if (!tokenPresented() && !security.isUserInRole(LEAD)) {
            if (security.getUserPrincipal() == null) {
                return Response.status(401).header("WWW-Authenticate", "Basic realm=\"Attest\", charset=\"UTF-8\"")
                        .header("WWW-Authenticate", "Bearer realm=\"Attest metrics\"")
                        .type("application/json").entity(ErrorBodies.of("authorization",
                                "Sign in as the compliance lead, or send the scrape token as a Bearer token.")).build();
            }
            return ErrorBodies.response(403, "authorization", "Only the compliance lead or the scrape token may"
                    + " read the metrics.");
        }
        PrometheusText text = new PrometheusText();
        for (MetricSource source : sources) {
            for (MetricFamily family : source.families()) {
                text.declare(family);
                metrics.write(family, text);
            }
            source.sample(text);
        }
        return Response.ok(text.text(), PrometheusText.CONTENT_TYPE).build();
    }

    private boolean tokenPresented() {
        String expected = token.map(String::strip).orElse("");
        if (expected.isEmpty()) {
            return false;
        }
        if (expected.length() < MIN_TOKEN_LENGTH) {
            LOG.warning("attest.metrics.token is shorter than " + MIN_TOKEN_LENGTH + " characters and is not accepted");
            return false;
        }
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
