package io.leadjourney.platform.web;

import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the project's own API as RFC 9457 problem+json; never a stack trace. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, describe(e.problems()), request);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.problems());
        return respond(problem);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, e.getMessage(), request));
    }

    @ExceptionHandler(NotAllowedException.class)
    ResponseEntity<ProblemDetail> notAllowed(NotAllowedException e, HttpServletRequest request) {
        return respond(problem(e.unauthenticated() ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN, e.getMessage(), request));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, e.getMessage(), request));
    }

    /**
     * No database connection became free in time, or the database cannot be reached (restarting, a network cut): the
     * transaction did not commit, nothing was stored, and the client should retry.
     */
    @ExceptionHandler(CannotCreateTransactionException.class)
    ResponseEntity<ProblemDetail> busy(Exception e, HttpServletRequest request) {
        boolean unreachable = databaseUnreachable(e);
        log.warn("Refused {} {}: {} ({})", request.getMethod(), request.getRequestURI(),
            unreachable ? "the database cannot be reached" : "no database connection free", e.getMessage());
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, unreachable
            ? "The database cannot be reached right now; nothing was stored. Retry in a moment."
            : "The service is busy; nothing was stored. Retry in a moment.", request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2")
            .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * A connection lost or refused (SQLState class 08, PostgreSQL's 57P0x shutdown/recovery, 53300 too many connections),
     * anywhere among the causes — also where a failed rollback hid the original failure (suppressed, or Spring's
     * application exception).
     */
    static boolean databaseUnreachable(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> open = new LinkedList<>();
        open.push(error);
        while (!open.isEmpty()) {
            Throwable t = open.pop();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof DataAccessResourceFailureException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P") || sql.getSQLState().equals("53300"))) {
                return true;
            }
            open.add(t.getCause());
            open.addAll(Arrays.asList(t.getSuppressed()));
            if (t instanceof TransactionSystemException rollbackFailed) {
                open.add(rollbackFailed.getApplicationException());
            }
            if (t instanceof SQLException sql) {
                open.add(sql.getNextException());
            }
        }
        return false;
    }

    /** A multipart request the server cannot read (no boundary, a broken part): the client's mistake. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e, HttpServletRequest request) {
        if (e instanceof MaxUploadSizeExceededException) {
            return respond(problem(HttpStatus.PAYLOAD_TOO_LARGE, "The upload is larger than this service accepts.", request));
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "The request is not readable multipart/form-data (a boundary and parts with names).",
            request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (databaseUnreachable(e)) {
            return busy(e, request);
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "The request could not be completed; nothing was stored. Try again later.",
            request));
    }

    /** Always problem+json, also when a page had begun to render as HTML. */
    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        BodyTooLarge tooLarge = BodyTooLarge.in(ex);
        if (tooLarge != null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "Request bodies are limited to " + tooLarge.limit() + " bytes.");
            return handleExceptionInternal(ex, problem, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape.");
        problem.setTitle("Malformed request");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    private static String describe(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse("Invalid request");
    }
}
