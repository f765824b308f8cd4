package io.leadjourney.platform.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

import io.leadjourney.platform.web.Problems;
import io.leadjourney.platform.web.ReplayedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with Retry-After, before any password is checked, to a request that signs in (HTTP Basic anywhere, or
 * the webapps' login form) from an address the {@link SignInThrottle} makes wait; otherwise tells the throttle, for the
 * password checks further down the chain, which address the request comes from.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private static final Pattern WEBAPP_LOGIN = Pattern.compile(".*/api/admin/auth/user/[^/]+/login/[^/]+$");
    private static final int MAX_LOGIN_FORM = 8 * 1024;

    private final SignInThrottle throttle;

    SignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        String user = basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
        HttpServletRequest forward = request;
        if (user == null && "POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(request.getRequestURI()).matches()) {
            byte[] form = request.getInputStream().readNBytes(MAX_LOGIN_FORM);
            user = formField(new String(form, StandardCharsets.UTF_8), "username");
            forward = new ReplayedBody(request, form);
        }
        if (user != null) {
            Duration wait = throttle.waitBefore(SignInThrottle.address(request), user);
            if (!wait.isZero()) {
                long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
                    "Too many wrong passwords from this address; try again in " + seconds + " s.");
                return;
            }
        }
        SignInThrottle.CURRENT_ADDRESS.set(SignInThrottle.address(request));
        try {
            chain.doFilter(forward, response);
        } finally {
            SignInThrottle.CURRENT_ADDRESS.remove();
        }
    }

    static String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
