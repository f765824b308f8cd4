package io.leadjourney.platform.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import io.leadjourney.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request (POST, PUT, PATCH, DELETE) that a browser sends from another site: a page elsewhere
 * could otherwise use the Basic credentials the browser remembers for this service (import contacts with consent,
 * deploy a model). The browser says where a request comes from ({@code Sec-Fetch-Site}, {@code Origin}); a request
 * from this service's own pages, or from a server (intake, Camunda Modeler, curl — they send neither), goes ahead.
 * One-click unsubscribes (RFC 8058, posted by mail providers) are exempt.
 */
class CrossSiteGuard extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final String publicOrigin;

    CrossSiteGuard(String publicBaseUrl) {
        this.publicOrigin = origin(publicBaseUrl);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod()) || request.getRequestURI().startsWith(request.getContextPath() + "/unsubscribe/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        String site = request.getHeader("Sec-Fetch-Site");
        boolean fromHere = origin != null && (origin.equalsIgnoreCase(publicOrigin) || origin.equalsIgnoreCase(ownOrigin(request)));
        boolean crossSite = (origin != null && !fromHere)
            || (site != null && !"same-origin".equalsIgnoreCase(site) && !"none".equalsIgnoreCase(site) && !fromHere);
        if (crossSite) {
            Problems.write(request, response, HttpStatus.FORBIDDEN,
                "Requests from other sites are refused (Origin " + origin + ", Sec-Fetch-Site " + site + ").");
            return;
        }
        chain.doFilter(request, response);
    }

    /** scheme://host:port the browser reached this service at. */
    private static String ownOrigin(HttpServletRequest request) {
        int port = request.getServerPort();
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    static String origin(String url) {
        URI uri = URI.create(url.trim());
        int port = uri.getPort();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
    }
}
