package io.leadjourney.platform.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * What the servlet container's error dispatch (an unknown path, a filter's sendError, an exception outside Spring
 * MVC) and a request for /error itself answer: problem+json, never Spring Boot's or Tomcat's error page.
 */
@Controller
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, status.is5xxServerError()
            ? "The request could not be completed; nothing was stored. Try again later."
            : status == HttpStatus.NOT_FOUND ? "There is nothing at this address." : status.getReasonPhrase());
        problem.setInstance(URI.create(uri instanceof String path && !path.isBlank() ? safe(path) : "/error"));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String safe(String path) {
        try {
            return URI.create(path).getPath() == null ? "/" : path;
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
