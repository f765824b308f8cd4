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
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new SignInThrottleFilter(throttle));
        registration.setName("sign-in-throttle");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        return registration;
    }

    /** Before anything acts on a request: a browser's state-changing request from another site is refused (CSRF). */
    @Bean
    FilterRegistrationBean<Filter> crossSiteGuard(PlatformSettings settings) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new CrossSiteGuard(settings.publicBaseUrl()));
        registration.setName("cross-site-guard");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> expressionQueryGuard(ObjectMapper json) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ExpressionQueryGuard(json));
        registration.setName("expression-query-guard");
        registration.addUrlPatterns(ENGINE_REST, WEBAPP_API);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> adminSetupGuard(IdentityService identityService) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new AdminSetupGuard(identityService));
        registration.setName("admin-setup-guard");
        registration.addUrlPatterns("/camunda/api/admin/setup/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
        return registration;
    }

    /** HTTP Basic against Camunda's users for /engine-rest, so that authorizations apply (and Camunda Modeler can deploy). */
    @Bean
    FilterRegistrationBean<Filter> engineRestAuthentication() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
            HttpBasicAuthenticationProvider.class.getName());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/engine-rest");
        registration.addUrlPatterns(ENGINE_REST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }
}
