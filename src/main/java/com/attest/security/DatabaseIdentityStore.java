package com.attest.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.stream.Collectors;

/** The identity store: accounts and PBKDF2 hashes in PostgreSQL, roles as groups. */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

    @Inject
    private SignInService signIn;

    @Inject
    private SignInOutcome outcome;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        SignInResult result = signIn.attempt(credential.getCaller(), credential.getPasswordAsString());
        try {
            outcome.set(result);
        } catch (ContextNotActiveException e) {
            // no request to report to (not expected for web sign-in)
        }
        if (!result.signedIn()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(result.username(),
                result.roles().stream().map(Enum::name).collect(Collectors.toSet()));
    }
}
