package io.maestro.core.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.maestro.core.os.LocalResources;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The local bundle signing key pair of an embedded OPA: RSA 3072 from the JDK's provider, written
 * as PEM (PKCS#8 private key, mode 0600; X.509 public key) once per Maestro home and reused. A
 * production deployment signs bundles in CI with its own key instead ({@code policies/build-bundle.sh}).
 */
public record SigningKeys(Path privateKey, Path publicKey, String keyId) {

    public static SigningKeys ensure(Path dir, String keyId) throws IOException {
        Path priv = dir.resolve("signing-key.pem");
        Path pub = dir.resolve("verification-key.pem");
        if (Files.isRegularFile(priv) && Files.isRegularFile(pub)) return new SigningKeys(priv, pub, keyId);
        Files.createDirectories(dir);
        KeyPair pair;
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        LocalResources.writeOwnerOnly(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        return new SigningKeys(priv, pub, keyId);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
