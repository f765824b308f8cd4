package io.leadjourney.platform.security;

import java.io.IOException;

import io.leadjourney.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/** The Admin webapp's "create the first administrator" endpoint is refused once an administrator exists. */
public class AdminSetupGuard extends OncePerRequestFilter {

    private final IdentityService identityService;

    public AdminSetupGuard(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        if (identityService.createUserQuery().memberOfGroup(Groups.ADMIN).count() > 0) {
            Problems.write(request, response, HttpStatus.FORBIDDEN, "Setup is closed: an administrator already exists.");
            return;
        }
        chain.doFilter(request, response);
    }
}
