package io.openmessaging.omsconnect.cluster;

import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The AES key that encrypts a cluster's transport, derived from the {@code clusterSecret} every worker is given.
 * PBKDF2 rather than a plain hash: the secret is typed by people, and a captured message must not make guessing
 * it cheap. The cluster name is the salt, so one secret reused by two clusters gives each its own key.
 */
final class TransportKey {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; paid once at start (about a quarter of a second here). */
    private static final int ITERATIONS = 600_000;
    private static final int KEY_BITS = 256;

    private TransportKey() {
    }

    static SecretKey derive(String secret, String clusterName) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), ("omsconnect-cluster:" + clusterName)
                .getBytes(StandardCharsets.UTF_8), ITERATIONS, KEY_BITS);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot derive the cluster key (PBKDF2WithHmacSHA256)", e);
        } finally {
            spec.clearPassword();
        }
    }
}
