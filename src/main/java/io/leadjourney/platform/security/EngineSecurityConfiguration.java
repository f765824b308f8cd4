package io.leadjourney.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.platform.PlatformSettings;
import jakarta.servlet.Filter;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Guards in front of the service's endpoints, the Camunda REST API and webapps (see ARCHITECTURE.md, Security). */
@Configuration
class EngineSecurityConfiguration {

    static final String ENGINE_REST = "/engine-rest/*";
    static final String WEBAPP_API = "/camunda/api/*";

    /** Before every password check: an address that guessed too many passwords waits (SignInThrottle). */
    @Bean
    FilterRegistrationBean<Filter> signInThrottleFilter(SignInThrottle throttle) {
        return filter("sign-in-throttle", new SignInThrottleFilter(throttle), 15, "/*");
    }

    /** Before anything acts on a request: a browser's state-changing request from another site is refused (CSRF). */
    @Bean
    FilterRegistrationBean<Filter> crossSiteGuard(PlatformSettings settings) {
        return filter("cross-site-guard", new CrossSiteGuard(settings.publicBaseUrl()), 5, "/*");
    }

    @Bean
    FilterRegistrationBean<Filter> expressionQueryGuard(ObjectMapper json) {
        return filter("expression-query-guard", new ExpressionQueryGuard(json), 20, ENGINE_REST, WEBAPP_API);
    }

    @Bean
    FilterRegistrationBean<Filter> adminSetupGuard(IdentityService identityService) {
        return filter("admin-setup-guard", new AdminSetupGuard(identityService), 21, "/camunda/api/admin/setup/*");
    }

    /** HTTP Basic against Camunda's users for /engine-rest, so that authorizations apply (and Camunda Modeler can deploy). */
    @Bean
    FilterRegistrationBean<Filter> engineRestAuthentication() {
        FilterRegistrationBean<Filter> registration = filter("engine-rest-authentication", new ProcessEngineAuthenticationFilter(), 30,
            ENGINE_REST);
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
            HttpBasicAuthenticationProvider.class.getName());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/engine-rest");
        return registration;
    }

    /** A filter on these paths, {@code order} places after the first (lower runs earlier). */
    private static FilterRegistrationBean<Filter> filter(String name, Filter filter, int order, String... paths) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setName(name);
        registration.addUrlPatterns(paths);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + order);
        return registration;
    }
}
