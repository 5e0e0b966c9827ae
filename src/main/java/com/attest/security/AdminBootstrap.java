package com.attest.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * There is no default password. On the first start the compliance lead {@code admin} is created with
 * {@code ATTEST_ADMIN_PASSWORD}, or with a random password printed once to the console (and to be changed
 * at first sign-in). Later starts leave accounts alone.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    private UserService users;

    @Inject
    @ConfigProperty(name = "attest.admin.password")
    private Optional<String> configuredPassword;

    @Inject
    @ConfigProperty(name = "attest.admin.email", defaultValue = "admin@example.com")
    private String email;

    @PostConstruct
    void createFirstAdmin() {
        boolean generated = configuredPassword.map(String::isEmpty).orElse(true);
        String password = generated ? randomPassword() : configuredPassword.get();
        users.bootstrapAdmin(password, email, generated).ifPresent(admin -> {
            if (generated) {
                System.out.println("""

                        ==================================================================
                         Attest: first start. Compliance lead account created.
                           username: admin
                           password: %s
                         This password is shown only now; you must change it at first sign-in.
                        ==================================================================
                        """.formatted(password));
            } else {
                LOG.info("First start: compliance lead 'admin' created with the password from ATTEST_ADMIN_PASSWORD");
            }
        });
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
