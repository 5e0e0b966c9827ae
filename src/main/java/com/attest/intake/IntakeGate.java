package com.attest.intake;

import com.attest.incident.Source;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides who is calling an intake endpoint: an intake key issued for that source (header {@code X-Intake-Key}
 * or, for Action Groups that can only carry a URL, the {@code key} query parameter), or an Entra ID bearer token
 * of a "secure webhook" when signing keys are configured.
 */
@ApplicationScoped
public class IntakeGate {

    /** Who called, as the payload record names them; or why not (401 or 403). */
    public record Verdict(String caller, int refusal, String reason) {
        static Verdict allowed(String caller) {
            return new Verdict(caller, 0, null);
        }

        /** 503: the caller may be genuine but cannot be checked now (Entra ID's keys unreachable). */
        static Verdict unavailable(String reason) {
            return new Verdict(null, 503, reason);
        }

        static Verdict refused(int status, String reason) {
            return new Verdict(null, status, reason);
        }

        public boolean allowed() {
            return refusal == 0;
        }
    }

    @Inject
    private IntakeKeyService keys;

    @Inject
    private RecognisedKeys recognised;

    @Inject
    private Clock clock;

    @Inject
    @ConfigProperty(name = "attest.intake.entra.jwks", defaultValue = " ")
    private String jwks;

    @Inject
    @ConfigProperty(name = "attest.intake.entra.issuers", defaultValue = " ")
    private String issuers;

    @Inject
    @ConfigProperty(name = "attest.intake.entra.audiences", defaultValue = " ")
    private String audiences;

    @Inject
    @ConfigProperty(name = "attest.intake.entra.role", defaultValue = "ActionGroupsSecureWebhook")
    private String role;

    private EntraSettings entra;
    private EntraTokenVerifier verifier;
    private String entraProblem;

    @PostConstruct
    void configure() {
        entra = new EntraSettings(jwks.isBlank() ? null : jwks.strip(), list(issuers), list(audiences), role.strip());
        try {
            verifier = entra.enabled() ? new EntraTokenVerifier(entra, clock) : null;
        } catch (IllegalArgumentException e) {
            // keys still work; bearer tokens are refused with the reason until the configuration is fixed
            entraProblem = "The Entra ID token configuration is invalid: " + e.getMessage();
            java.util.logging.Logger.getLogger(IntakeGate.class.getName()).warning(entraProblem);
        }
    }

    /** Whether Azure Monitor's secure-webhook tokens (Entra ID) are accepted. */
    public boolean tokensAccepted() {
        return verifier != null;
    }

    /** Why bearer tokens cannot be checked although signing keys are configured, or null. */
    public String entraProblem() {
        return entraProblem;
    }

    public EntraSettings entraSettings() {
        return entra;
    }

    public Verdict check(Source source, String keyHeader, String keyParameter, String authorization) {
        String presented = keyHeader != null && !keyHeader.isBlank() ? keyHeader.strip()
                : keyParameter != null && !keyParameter.isBlank() ? keyParameter.strip() : null;
        if (presented != null) {
            Optional<IntakeKeyService.Known> key = recognised(presented);
            if (key.isEmpty()) {
                return Verdict.refused(401, "The intake key is unknown, revoked or expired.");
            }
            if (key.get().source() != source) {
                return Verdict.refused(403, "This intake key was issued for "
                        + key.get().source().label() + ", not " + source.label() + ".");
            }
            return Verdict.allowed("key " + key.get().prefix() + "… (" + key.get().name() + ")");
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // secure webhooks are an Action Group's: its token does not speak for Defender or Sentinel
            if (source != Source.AZURE_MONITOR) {
                return Verdict.refused(403, "Entra ID tokens are accepted from Azure Monitor Action Groups only;"
                        + " send this source's intake key.");
            }
            if (verifier == null) {
                return Verdict.refused(401, "Bearer tokens are not accepted here.");
            }
            try {
                VerifiedCaller caller = verifier.verify(authorization);
                String who = "entra app " + (caller.appId() == null ? caller.subject() : caller.appId());
                return Verdict.allowed(who.length() > 200 ? who.substring(0, 200) : who);
            } catch (TokenRejected rejected) {
                if (rejected.keysUnavailable()) {
                    return Verdict.unavailable("Entra ID's signing keys cannot be reached; retry later.");
                }
                return Verdict.refused(rejected.forbidden() ? 403 : 401, rejected.getMessage());
            }
        }
        return Verdict.refused(401, "Send an intake key (X-Intake-Key header or key parameter)"
                + (verifier == null ? "." : " or an Entra ID bearer token."));
    }

    /**
     * The key presented, if it is one of ours and active now: one remembered since a moment ago is not asked of the
     * key service again (no transactional call on an alert storm's hottest path).
     */
    private Optional<IntakeKeyService.Known> recognised(String presented) {
        String hash = RecognisedKeys.hashOf(presented);
        if (hash == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        IntakeKeyService.Known known = recognised.find(hash, now);
        if (known == null) {
            known = keys.lookUp(hash);
        }
        return known != null && known.activeAt(now) ? Optional.of(known) : Optional.empty();
    }

    private static Set<String> list(String value) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
