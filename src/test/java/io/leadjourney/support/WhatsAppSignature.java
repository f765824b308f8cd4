package io.leadjourney.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a webhook body as Meta does: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256 with the app secret. */
public final class WhatsAppSignature {

    /** The app secret of the test profile (application-test.yaml). */
    public static final String TEST_APP_SECRET = "test-app-secret";

    private WhatsAppSignature() {
    }

    public static String sign(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
