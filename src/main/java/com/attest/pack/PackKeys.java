package com.attest.pack;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The organisation's pack-signing key: the PKCS#12 keystore named by {@code attest.pack.keystore} (with
 * {@code attest.pack.keystore-password} and optionally {@code attest.pack.key-alias}), or else a self-signed
 * certificate the portal makes once and keeps in the database, so packs signed before a restart verify after it.
 */
@ApplicationScoped
@Transactional
public class PackKeys {

    private static final Logger LOG = Logger.getLogger(PackKeys.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    @ConfigProperty(name = "attest.pack.keystore")
    private Optional<String> keystore;

    @Inject
    @ConfigProperty(name = "attest.pack.keystore-password")
    private Optional<String> password;

    @Inject
    @ConfigProperty(name = "attest.pack.key-alias")
    private Optional<String> alias;

    @Inject
    @ConfigProperty(name = "attest.organisation", defaultValue = "Your organisation")
    private String organisation;

    private volatile PackSigner.Key key;

    /** The key packs are signed with (made on first use when none is configured). */
    public PackSigner.Key key() {
        if (key == null) {
            synchronized (this) {
                if (key == null) {
                    key = keystore.filter(k -> !k.isBlank()).map(this::configured).orElseGet(this::kept);
                }
            }
        }
        return key;
    }

    /** Whether the organisation's name was configured (packs are otherwise signed as "Your organisation"). */
    public boolean organisationNamed() {
        return organisation != null && !organisation.isBlank() && !"Your organisation".equals(organisation.strip());
    }

    /** Whether packs are signed with the organisation's own key rather than a certificate the portal made. */
    public boolean ownKey() {
        return keystore.filter(k -> !k.isBlank()).isPresent();
    }

    /** Where the key comes from, for the packs page (never a secret). */
    public String origin() {
        return keystore.filter(k -> !k.isBlank()).map(k -> "the keystore " + k + " (attest.pack.keystore)")
                .orElse("a self-signed certificate made by the portal (no attest.pack.keystore configured)");
    }

    private PackSigner.Key configured(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path.strip()))) {
            return PackSigner.load(in, password.orElse("").toCharArray(), alias.orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException("The pack-signing keystore " + path + " cannot be read: " + e.getMessage(),
                    e);
        }
    }

    private PackSigner.Key kept() {
        Object[] row = stored().orElseGet(this::make);
        return PackSigner.load(new ByteArrayInputStream((byte[]) row[0]), ((String) row[1]).toCharArray(), null);
    }

    @SuppressWarnings("unchecked")
    private Optional<Object[]> stored() {
        List<Object[]> rows = em.createNativeQuery("SELECT pkcs12, password FROM pack_signing_key WHERE id = 1")
                .getResultList();
        return rows.stream().findFirst();
    }

    private Object[] make() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String pass = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] pkcs12 = PackSigner.selfSigned(organisation, pass.toCharArray(), clock.instant());
        PackSigner.Key made = PackSigner.load(new ByteArrayInputStream(pkcs12), pass.toCharArray(), null);
        // two starts at once: the first row wins, the other is read back
        em.createNativeQuery("INSERT INTO pack_signing_key (id, pkcs12, password, subject, created_at)"
                        + " VALUES (1, ?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING")
                .setParameter(1, pkcs12).setParameter(2, pass).setParameter(3, made.subject())
                .setParameter(4, Timestamp.from(clock.instant())).executeUpdate();
        LOG.info("No attest.pack.keystore configured: made a self-signed pack-signing certificate, " + made.subject());
        em.flush();
        return stored().orElseThrow();
    }
}
