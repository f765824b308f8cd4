package io.leadjourney.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** The intake API keys from {@code journey.intake.api-keys} ("key=system,key2=system2"). */
@Component
public class ApiKeys {

    private final Map<byte[], String> keys = new LinkedHashMap<>();

    public ApiKeys(SecuritySettings settings) {
        for (String pair : settings.intake().apiKeys().split(",")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            String key = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
            String system = eq < 0 ? "intake" : trimmed.substring(eq + 1).trim();
            if (key.length() < 12) {
                throw new IllegalStateException("journey.intake.api-keys: an API key must have at least 12 characters (system '" + system + "')");
            }
            keys.put(key.getBytes(StandardCharsets.UTF_8), system);
        }
    }

    /** The system the key belongs to; compares in constant time. */
    public Optional<String> systemFor(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<byte[], String> key : keys.entrySet()) {
            if (MessageDigest.isEqual(key.getKey(), candidate)) {
                found = key.getValue();
            }
        }
        return Optional.ofNullable(found);
    }
}
