package io.leadjourney.platform.web;

import java.io.IOException;

import io.leadjourney.platform.PlatformSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies are limited: the project's JSON API to journey.api.max-body-size (64 KiB), the Camunda REST API and
 * webapps' API to journey.engine-rest.max-body-size (1 MiB), a deployment to journey.engine-rest.max-deployment-size
 * (10 MiB). A declared larger body is refused with 413 before it is read; an undeclared (chunked) one is cut off at the
 * limit and refused the same way. Contact imports (multipart) have their own limit (spring.servlet.multipart.*).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimit extends OncePerRequestFilter {

    private final long apiLimit;
    private final long engineLimit;
    private final long deploymentLimit;

    RequestSizeLimit(PlatformSettings settings) {
        this.apiLimit = settings.api().maxBodySize();
        this.engineLimit = settings.engineRest().maxBodySize();
        this.deploymentLimit = settings.engineRest().maxDeploymentSize();
    }

    /** The limit for this request, or -1 when this filter leaves it alone. */
    private long limit(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String type = request.getContentType();
        boolean multipart = type != null && type.toLowerCase().startsWith("multipart/");
        if (path.startsWith("/api/")) {
            return multipart ? -1 : apiLimit;
        }
        if (path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/")) {
            return path.endsWith("/deployment/create") ? deploymentLimit : engineLimit;
        }
        return -1;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return limit(request) < 0;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        long limit = limit(request);
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response, limit);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, limit);
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | RuntimeException e) {
            if (limited.exceeded && !response.isCommitted()) {
                response.reset();
                tooLarge(request, response, limit);
                return;
            }
            throw e;
        }
        if (limited.exceeded && !response.isCommitted()) {
            response.reset();
            tooLarge(request, response, limit);
        }
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        Problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Request bodies are limited to " + limit + " bytes.");
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private boolean exceeded;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), this);
            }
            return stream;
        }
    }

    /** Counts what the application reads and stops it past the limit. */
    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final LimitedRequest request;
        private long read;

        CountingStream(ServletInputStream in, LimitedRequest request) {
            this.in = in;
            this.request = request;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > request.limit) {
                request.exceeded = true;
                throw new BodyTooLarge(request.limit);
            }
        }
    }
}
