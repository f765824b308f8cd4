package io.leadjourney.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Optional;

import io.leadjourney.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates the project's own endpoints: {@link IntakeApi} by X-Api-Key (rate-limited per key),
 * {@link AllowedGroups} by HTTP Basic against Camunda's users; an endpoint with both takes either; a
 * {@link SelfAuthenticated} webhook checks its provider's signature itself. An /api endpoint without any of them is
 * refused (fail closed).
 */
@Component
class ApiAccessInterceptor implements HandlerInterceptor {

    static final String API_KEY_HEADER = "X-Api-Key";

    private final ApiKeys apiKeys;
    private final RateLimits rateLimits;
    private final BasicAuthentication basic;
    private final SignInThrottle throttle;

    ApiAccessInterceptor(ApiKeys apiKeys, RateLimits rateLimits, BasicAuthentication basic, SignInThrottle throttle) {
        this.apiKeys = apiKeys;
        this.rateLimits = rateLimits;
        this.basic = basic;
        this.throttle = throttle;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        IntakeApi intake = annotation(method, IntakeApi.class);
        AllowedGroups groups = annotation(method, AllowedGroups.class);
        if (intake == null && groups == null && annotation(method, SelfAuthenticated.class) != null) {
            return true; // the endpoint checks the provider's signature or token itself
        }
        if (intake == null && groups == null) {
            return !request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || deny(request, response, HttpStatus.FORBIDDEN, "This endpoint declares no access rule.");
        }
        String key = request.getHeader(API_KEY_HEADER);
        if (intake != null && (key != null || groups == null)) {
            return intakeKey(request, response, key);
        }
        if (groups == null) {
            return deny(request, response, HttpStatus.UNAUTHORIZED, "A valid " + API_KEY_HEADER + " header is required.");
        }
        Caller caller = basic.authenticate(request).orElse(null);
        if (caller == null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BasicAuthentication.CHALLENGE);
            return deny(request, response, HttpStatus.UNAUTHORIZED, "Sign in with your Lead Journey user (HTTP Basic).");
        }
        if (!caller.inAny(groups.value())) {
            return deny(request, response, HttpStatus.FORBIDDEN, "User '" + caller.userId() + "' may not do this.");
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        return true;
    }

    /** An intake system's call: a known key, not guessed from an address that guessed too often, within its rate. */
    private boolean intakeKey(HttpServletRequest request, HttpServletResponse response, String key) {
        String address = SignInThrottle.address(request);
        Duration wait = throttle.waitBefore(address, SignInThrottle.API_KEY);
        if (!wait.isZero()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
            return deny(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many wrong API keys from this address; retry later.");
        }
        Optional<String> system = apiKeys.systemFor(key);
        if (system.isEmpty()) {
            if (key != null) {
                // guessing keys counts like guessing passwords: the address waits after a few
                throttle.checked(address, SignInThrottle.API_KEY, false);
            }
            return deny(request, response, HttpStatus.UNAUTHORIZED, "A valid " + API_KEY_HEADER + " header is required.");
        }
        long waitSeconds = rateLimits.secondsToWait(system.get());
        if (waitSeconds > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
            return deny(request, response, HttpStatus.TOO_MANY_REQUESTS,
                "Rate limit of the API key exceeded; retry after " + waitSeconds + " s.");
        }
        request.setAttribute(Caller.ATTRIBUTE, Caller.intake(system.get()));
        return true;
    }

    private static boolean deny(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail) {
        try {
            Problems.write(request, response, status, detail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }

    private static <A extends Annotation> A annotation(HandlerMethod method, Class<A> type) {
        A onMethod = method.getMethodAnnotation(type);
        return onMethod != null ? onMethod : method.getBeanType().getAnnotation(type);
    }
}
