package io.leadjourney.platform.security;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.platform.web.Problems;
import io.leadjourney.platform.web.ReplayedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses task and filter queries that carry an expression ({@code dueDateExpression}, {@code assigneeExpression}, ...),
 * in the query string or anywhere in a JSON body, {@code orQueries} included. Camunda 7.24.0 evaluates expressions
 * nested in {@code orQueries} even with ad-hoc expressions disabled; this closes that hole on /engine-rest and on the
 * webapps' /camunda/api alike. A filter being saved (created or updated) may use the expressions Tasklist's filter dialog
 * offers for "me", "my groups" and "now" ({@link #SAVED_FILTER_EXPRESSIONS}), exactly as written there, and nothing else;
 * the shipped filters, created by the service, use the same.
 */
public class ExpressionQueryGuard extends OncePerRequestFilter {

    static final int MAX_INSPECTED_BODY = 1024 * 1024;
    static final Set<String> SAVED_FILTER_EXPRESSIONS = Set.of("${currentUser()}", "${currentUserGroups()}", "${now()}");
    private static final Pattern SAVING_A_FILTER = Pattern.compile(".*/filter/(create|[^/]+)$");
    private final ObjectMapper json;

    ExpressionQueryGuard(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().toLowerCase(Locale.ROOT);
        return !(path.contains("/task") || path.contains("/filter"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (isExpressionName(parameter.getKey())) {
                refuse(request, response, parameter.getKey());
                return;
            }
        }
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_INSPECTED_BODY + 1);
        if (body.length > MAX_INSPECTED_BODY) {
            Problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Query bodies are limited to " + MAX_INSPECTED_BODY + " bytes.");
            return;
        }
        if (body.length > 0) {
            String found;
            try {
                found = findExpression(json.readTree(body), savingAFilter(request) ? SAVED_FILTER_EXPRESSIONS : Set.of());
            } catch (JsonProcessingException e) {
                Problems.write(request, response, HttpStatus.BAD_REQUEST, "The request body is not valid JSON.");
                return;
            }
            if (found != null) {
                refuse(request, response, found);
                return;
            }
        }
        chain.doFilter(new ReplayedBody(request, body), response);
    }

    static boolean isExpressionName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith("expression");
    }

    private static boolean savingAFilter(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getRequestURI();
        return ("POST".equals(method) && path.endsWith("/filter/create")) || ("PUT".equals(method) && SAVING_A_FILTER.matcher(path).matches());
    }

    /** The first field name ending in "Expression" at any depth whose value is not one of {@code allowed}, or null. */
    static String findExpression(JsonNode node, Set<String> allowed) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isExpressionName(field.getKey()) && !(field.getValue().isTextual() && allowed.contains(field.getValue().asText().trim()))) {
                    return field.getKey();
                }
                String nested = findExpression(field.getValue(), allowed);
                if (nested != null) {
                    return nested;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                String nested = findExpression(element, allowed);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        Problems.write(request, response, HttpStatus.BAD_REQUEST,
            "Expressions are not accepted in task or filter queries (parameter '" + name + "'); a filter being saved may use "
                + String.join(", ", SAVED_FILTER_EXPRESSIONS.stream().sorted().toList()) + ".");
    }
}
