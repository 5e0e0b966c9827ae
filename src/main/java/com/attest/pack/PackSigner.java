package com.attest.pack;

import com.attest.platform.audit.Sha256;
import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.AcroFields;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPKCS7;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfSignature;
import com.lowagie.text.pdf.PdfSignatureAppearance;
import com.lowagie.text.pdf.PdfStamper;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.RandomAccessFileOrArray;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.Collections;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.TimeZone;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs a pack's PDF with the organisation's key (a detached PKCS#7 / CMS signature over SHA-256, as Acrobat
 * expects) and checks such a signature. The key comes from a PKCS#12 file; {@link #selfSigned} makes one when the
 * organisation has none configured.
 */
public final class PackSigner {

    /** Room reserved in the PDF for the signature (hex-encoded twice over): ample for an RSA-4096 chain of three. */
    private static final int SIGNATURE_BYTES = 16384;

    /** A private key and its certificate chain, the signer's certificate first. */
    public record Key(PrivateKey privateKey, Certificate[] chain) {

        public X509Certificate certificate() {
            return (X509Certificate) chain[0];
        }

        public String subject() {
            return certificate().getSubjectX500Principal().getName();
        }

        public String fingerprint() {
            try {
                return Sha256.hex(certificate().getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private PackSigner() {
    }

    /** The key in a PKCS#12 store: the entry {@code alias}, or the first key entry when it is blank. */
    public static Key load(InputStream pkcs12, char[] password, String alias) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(pkcs12, password);
            String name = alias == null || alias.isBlank() ? null : alias.strip();
            if (name == null) {
                for (String a : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(a)) {
                        name = a;
                        break;
                    }
                }
            }
            if (name == null || !store.isKeyEntry(name)) {
                throw new IllegalArgumentException(name == null ? "The keystore holds no private key."
                        : "The keystore has no key entry '" + name + "'.");
            }
            PrivateKey key = (PrivateKey) store.getKey(name, password);
            Certificate[] chain = store.getCertificateChain(name);
            if (chain == null || chain.length == 0) {
                throw new IllegalArgumentException("The key '" + name + "' has no certificate.");
            }
            return new Key(key, chain);
        } catch (IOException e) {
            throw new IllegalArgumentException("The keystore could not be read (wrong password?): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The keystore could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * A new RSA key with a self-signed certificate naming the organisation, valid for ten years from {@code now},
     * as a PKCS#12 store protected by {@code password} (alias {@code attest-packs}).
     */
    public static byte[] selfSigned(String organisation, char[] password, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            var name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, organisation + " evidence packs")
                    .addRDN(BCStyle.O, organisation).build();
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()).abs()
                    .add(BigInteger.ONE), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3653))), name, pair.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("attest-packs", pair.getPrivate(), password, new Certificate[] {certificate});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("A signing certificate could not be made: " + e.getMessage(), e);
        }
    }

    /** Signs the PDF at {@code unsigned} into {@code signed}, dated {@code at}. */
    public static void sign(Path unsigned, Path signed, Key key, String reason, String location, Instant at) {
        try (OutputStream out = Files.newOutputStream(signed)) {
            PdfReader reader = new PdfReader(new RandomAccessFileOrArray(unsigned.toString(), false, false), null);
            PdfStamper stamper = PdfStamper.createSignature(reader, out, '\0', signed.getParent().toFile(), false);
            PdfSignatureAppearance appearance = stamper.getSignatureAppearance();
            Calendar when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            when.setTimeInMillis(at.toEpochMilli());
            appearance.setSignDate(when);
            appearance.setCrypto(null, key.chain(), null, PdfSignatureAppearance.SELF_SIGNED);
            appearance.setReason(reason);
            appearance.setLocation(location);
            PdfSignature dictionary = new PdfSignature(PdfName.ADOBE_PPKLITE, PdfName.ADBE_PKCS7_DETACHED);
            dictionary.setReason(reason);
            dictionary.setLocation(location);
            dictionary.setName(PdfPKCS7.getSubjectFields(key.certificate()).getField("CN"));
            dictionary.setDate(new PdfDate(when));
            appearance.setCryptoDictionary(dictionary);
            HashMap<PdfName, Integer> reserved = new HashMap<>();
            reserved.put(PdfName.CONTENTS, SIGNATURE_BYTES * 2 + 2);
            appearance.preClose(reserved);

            MessageDigest digest = Sha256.digest();
            try (InputStream range = appearance.getRangeStream()) {
                range.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
            }
            byte[] hash = digest.digest();
            PdfPKCS7 pkcs7 = new PdfPKCS7(key.privateKey(), key.chain(), null, "SHA-256", null, false);
            byte[] attributes = pkcs7.getAuthenticatedAttributeBytes(hash, when, null);
            pkcs7.update(attributes, 0, attributes.length);
            byte[] encoded = pkcs7.getEncodedPKCS7(hash, when);
            if (encoded.length > SIGNATURE_BYTES) {
                throw new IllegalStateException("The signature (" + encoded.length + " bytes) does not fit.");
            }
            byte[] padded = new byte[SIGNATURE_BYTES];
            System.arraycopy(encoded, 0, padded, 0, encoded.length);
            PdfDictionary contents = new PdfDictionary();
            contents.put(PdfName.CONTENTS, new PdfString(padded).setHexWriting(true));
            appearance.close(contents);
            reader.close();
        } catch (IOException | DocumentException | GeneralSecurityException e) {
            throw new IllegalStateException("The PDF could not be signed: " + e.getMessage(), e);
        }
    }

    /** Checks the PDF's signatures (the last one decides); never throws for a damaged file. */
    public static SignatureCheck verify(Path pdf) {
        try {
            return verify(new PdfReader(new RandomAccessFileOrArray(pdf.toString(), false, false), null));
        } catch (IOException | RuntimeException e) {
            return SignatureCheck.unsigned("the file is not a readable PDF (" + e.getMessage() + ")");
        }
    }

    public static SignatureCheck verify(byte[] pdf) {
        try {
            return verify(new PdfReader(new ByteArrayInputStream(pdf)));
        } catch (IOException | RuntimeException e) {
            return SignatureCheck.unsigned("the file is not a readable PDF (" + e.getMessage() + ")");
        }
    }

    private static SignatureCheck verify(PdfReader reader) {
        try {
            AcroFields fields = reader.getAcroFields();
            List<String> names = fields.getSignedFieldNames();
            if (names.isEmpty()) {
                return SignatureCheck.unsigned("the PDF carries no signature");
            }
            String name = names.get(names.size() - 1);
            PdfPKCS7 pkcs7 = fields.verifySignature(name);
            boolean valid = pkcs7.verify();
            boolean whole = fields.signatureCoversWholeDocument(name);
            X509Certificate certificate = pkcs7.getSigningCertificate();
            Calendar date = pkcs7.getSignDate();
            return new SignatureCheck(true, valid, whole, certificate.getSubjectX500Principal().getName(),
                    Sha256.hex(certificate.getEncoded()), date == null ? null : date.toInstant(), null);
        } catch (RuntimeException | GeneralSecurityException e) {
            return new SignatureCheck(true, false, false, null, null, null, e.getMessage());
        } finally {
            reader.close();
        }
    }
}
