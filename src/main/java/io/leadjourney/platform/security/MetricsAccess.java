package io.leadjourney.platform.security;

import java.io.IOException;

import io.leadjourney.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/** The Prometheus endpoint needs a user of camunda-admin or auditors (a scraper gets such a user); health stays open. */
@Configuration
class MetricsAccess {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> metricsAuthentication(BasicAuthentication basic) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
                var caller = basic.authenticate(request);
                if (caller.isEmpty()) {
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BasicAuthentication.CHALLENGE);
                    Problems.write(request, response, HttpStatus.UNAUTHORIZED, "Metrics need a user of camunda-admin or auditors.");
                    return;
                }
                if (!caller.get().inAny(Groups.ADMIN, Groups.AUDITORS)) {
                    Problems.write(request, response, HttpStatus.FORBIDDEN, "Metrics need a user of camunda-admin or auditors.");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("metrics-authentication");
        registration.addUrlPatterns("/actuator/prometheus", "/actuator/prometheus/*", "/actuator/metrics", "/actuator/metrics/*");
        return registration;
    }
}
