package io.leadjourney.platform.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** HTTP Basic against Camunda's users (their lockout after failed attempts included); the caller with their groups. */
@Component
public class BasicAuthentication {

    public static final String CHALLENGE = "Basic realm=\"Lead Journey\", charset=\"UTF-8\"";

    private final IdentityService identityService;

    BasicAuthentication(IdentityService identityService) {
        this.identityService = identityService;
    }

    public Optional<Caller> authenticate(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String userId = decoded.substring(0, colon);
        if (!identityService.checkPassword(userId, decoded.substring(colon + 1))) {
            return Optional.empty();
        }
        Set<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(Group::getId).collect(Collectors.toSet());
        return Optional.of(Caller.user(userId, groups));
    }
}
