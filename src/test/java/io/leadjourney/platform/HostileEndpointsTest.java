package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadjourney.intake.SignalRequest;
import io.leadjourney.platform.security.IntakeApi;
import io.leadjourney.support.Http;
import io.leadjourney.support.IntegrationTest;
import io.leadjourney.support.MappedEndpoints;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the service maps, found from Spring's own mapping table (a new endpoint is covered the day it is added),
 * fed hostile values in each of its inputs in turn: path variables, query or form parameters, headers, the body as a
 * whole and each field of a JSON body. Never a 5xx; under /api every refusal is problem+json.
 * {@link HostileInputTest} keeps the probe's own findings, including what an HTTP client library refuses to send.
 */
class HostileEndpointsTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** hostile-input-1-key … hostile-input-N-key in application-test.yaml. */
    private static final int HOSTILE_INPUT_KEYS = 6;

    /** Hostile text, for path variables, parameters and headers. */
    private static final List<String> TEXT = List.of("", " ", "\u0000", "\n\r", "../../etc/passwd", "%", "x".repeat(3000),
        "' or '1'='1' --", "<script>alert(1)</script>", "${''.getClass().forName('java.lang.Runtime')}", "#{7*7}", "\u202Eevil\uD83D\uDE00",
        "-1", "99999999999999999999", "+999999999-12-31", "0000-00-00", "NaN");

    /** Hostile JSON values, for each field of a JSON body. */
    private static final List<String> JSON_VALUES = List.of("null", "1e400", "-0", "[]", "{}", "true", "\"" + "x".repeat(100_000) + "\"",
        "\"\\u0000\"", "123456789012345678901234567890");

    /** Hostile bodies as a whole, by media type. */
    private static final List<String> JSON_BODIES = List.of("", "null", "[]", "{", "\"text\"", "1e999999", "{\"a\":".repeat(3000) + "1"
        + "}".repeat(3000), "[".repeat(3000), "{\"type\":\"form_submitted\",\"type\":\"x\"}", "\uFEFF{}");
    private static final List<String> XML_BODIES = List.of("", "not xml", "<x/>",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
            + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><x>&d;&d;&d;&d;</x>");
    private static final List<byte[]> FILES = List.of(new byte[0], allBytes(), "\uFEFFname,email\n\"unbalanced,x@example.com\n".getBytes(
            StandardCharsets.UTF_8), ("a,".repeat(10_000) + "\n").getBytes(StandardCharsets.UTF_8),
        "name,email\nJos\u00e9,j@example.com\n".getBytes(StandardCharsets.ISO_8859_1), XML_BODIES.get(3).getBytes(StandardCharsets.UTF_8));
    private static final List<String> FILE_NAMES = List.of("x".repeat(300) + ".csv", "../../a.csv", "\uD83D\uDE00.csv", "");

    /** A body that passes validation, per request body type, for the field-by-field variations (others start from {}). */
    private static final Map<Class<?>, String> SAMPLES = Map.of(SignalRequest.class, "{\"type\":\"form_submitted\",\"email\":\"hostile@example.com\"}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Call(String endpoint, String input, HttpRequest request) {
    }

    @Test
    void everyEndpointTakesHostileInputInEveryParameterWithoutA5xx() throws Exception {
        List<Call> calls = new ArrayList<>();
        List<String> endpoints = new ArrayList<>();
        int intakeEndpoints = 0;
        for (MappedEndpoints.Endpoint mapped : MappedEndpoints.of(mappings)) {
            endpoints.add(mapped.toString());
            Endpoint endpoint = new Endpoint(mapped.method(), mapped.pattern(), mapped.handler(), mapped.consumes(), intakeEndpoints);
            intakeEndpoints += endpoint.intake ? 1 : 0;
            calls.addAll(endpoint.calls());
        }
        assertThat(endpoints).as("the mapping table was read").contains("POST /api/signals", "GET /api/people/{id}", "POST /models");

        List<String> wrong = new ArrayList<>();
        int tooMany = 0;
        for (Call call : calls) {
            HttpResponse<String> answer = http().send(call.request());
            String contentType = answer.headers().firstValue("Content-Type").orElse("");
            if (answer.statusCode() == 429) {
                tooMany++;
            }
            if (answer.statusCode() >= 500) {
                wrong.add(call.endpoint() + " with " + call.input() + ": " + answer.statusCode() + " " + abbreviate(answer.body()));
            } else if (answer.statusCode() >= 400 && call.request().uri().getRawPath().startsWith("/api/")
                && !contentType.contains("application/problem+json")) {
                wrong.add(call.endpoint() + " with " + call.input() + ": " + answer.statusCode() + " as '" + contentType + "'");
            }
        }
        System.out.println("HostileEndpointsTest: " + calls.size() + " requests over " + endpoints.size() + " endpoints " + endpoints);
        assertThat(wrong).isEmpty();
        assertThat(tooMany).as("rate-limited answers: the hostile-input key's bucket is too small for this many requests, "
            + "so some inputs were never tried").isZero();
    }

    /** One mapped operation and how to call it with one hostile input at a time. */
    private final class Endpoint {

        private final String method;
        private final String pattern;
        private final HandlerMethod handler;
        private final String consumes;
        private final boolean intake;
        private final boolean multipart;
        /** Each intake endpoint its own API key, so one endpoint's many inputs never use up another's bucket. */
        private final String apiKey;

        Endpoint(String method, String pattern, HandlerMethod handler, String consumes, int intakeOrdinal) {
            this.method = method;
            this.pattern = pattern;
            this.handler = handler;
            this.consumes = consumes;
            this.intake = AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), IntakeApi.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), IntakeApi.class);
            this.multipart = List.of(handler.getMethodParameters()).stream().anyMatch(p -> p.getParameterType() == MultipartFile.class);
            this.apiKey = "hostile-input-" + (intakeOrdinal + 1) + "-key";
            if (intake && intakeOrdinal >= HOSTILE_INPUT_KEYS) {
                throw new IllegalStateException("more intake endpoints than hostile-input keys: add hostile-input-" + (intakeOrdinal + 1)
                    + "-key to journey.intake.api-keys in application-test.yaml and raise HOSTILE_INPUT_KEYS");
            }
        }

        List<Call> calls() {
            List<Call> calls = new ArrayList<>();
            for (MethodParameter parameter : handler.getMethodParameters()) {
                PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
                if (path != null) {
                    String name = name(path.name(), parameter);
                    for (String value : TEXT) {
                        calls.add(call("path {" + name + "}=" + shown(value), Map.of(name, value), Map.of(), Map.of(), null, null, null));
                    }
                } else if (param != null && parameter.getParameterType() == MultipartFile.class) {
                    for (byte[] file : FILES) {
                        calls.add(call("file of " + file.length + " bytes", Map.of(), Map.of(), Map.of(), null, file, "contacts.csv"));
                    }
                    for (String fileName : FILE_NAMES) {
                        calls.add(call("file name " + shown(fileName), Map.of(), Map.of(), Map.of(), null, sampleFile(), fileName));
                    }
                } else if (param != null) {
                    String name = name(param.name(), parameter);
                    for (String value : TEXT) {
                        calls.add(call("parameter " + name + "=" + shown(value), Map.of(), Map.of(name, value), Map.of(), null, null, null));
                    }
                } else if (header != null) {
                    String name = name(header.name(), parameter);
                    for (String value : TEXT) {
                        if (value.chars().noneMatch(c -> c < 0x20 || c > 0x7e)) { // what HTTP clients send at all (HostileInputTest: the rest)
                            calls.add(call("header " + name + "=" + shown(value), Map.of(), Map.of(), Map.of(name, value), null, null, null));
                        }
                    }
                } else if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    bodies(parameter.getParameterType()).forEach((input, body) ->
                        calls.add(call(input, Map.of(), Map.of(), Map.of(), body, null, null)));
                }
            }
            if (calls.isEmpty()) {
                calls.add(call("no input", Map.of(), Map.of(), Map.of(), null, null, null));
            }
            return calls;
        }

        private Map<String, String> bodies(Class<?> type) {
            Map<String, String> bodies = new LinkedHashMap<>();
            List<String> whole = consumes != null && consumes.contains("xml") ? XML_BODIES : JSON_BODIES;
            whole.forEach(body -> bodies.put("body " + shown(body), body));
            if (type.isRecord()) {
                for (RecordComponent field : type.getRecordComponents()) {
                    for (String value : JSON_VALUES) {
                        try {
                            ObjectNode body = (ObjectNode) JSON.readTree(SAMPLES.getOrDefault(type, "{}"));
                            body.set(field.getName(), JSON.readTree(value));
                            bodies.put("field " + field.getName() + "=" + shown(value), JSON.writeValueAsString(body));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
            return bodies;
        }

        private Call call(String input, Map<String, String> pathValues, Map<String, String> params, Map<String, String> headers, String body,
                          byte[] file, String fileName) {
            String path = pattern;
            for (String variable : variables()) {
                path = path.replace("{" + variable + "}", encode(pathValues.getOrDefault(variable, "unknown-" + UUID.randomUUID())));
            }
            Map<String, String> fields = new LinkedHashMap<>(params);
            String query = multipart ? "" : fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
            Http client = intake ? http().with("X-Api-Key", apiKey) : http().as("admin", "demo");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                client = client.with(header.getKey(), header.getValue());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path
                + (query.isEmpty() ? "" : "?" + query)));
            client.headers().forEach(request::header);
            if (multipart) {
                String boundary = "hostile" + UUID.randomUUID();
                byte[] content = Http.multipart(boundary, fields, "file", fileName == null ? "contacts.csv" : fileName, file == null ? sampleFile() : file);
                request.header("Content-Type", "multipart/form-data; boundary=" + boundary).method(method, HttpRequest.BodyPublishers.ofByteArray(content));
            } else if (body != null) {
                request.header("Content-Type", consumes == null ? "application/json" : consumes)
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return new Call(this.toString(), input, request.build());
        }

        private List<String> variables() {
            List<String> names = new ArrayList<>();
            Matcher matcher = Pattern.compile("\\{([^}:]+)[^}]*}").matcher(pattern);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private static String name(String declared, MethodParameter parameter) {
        parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
        String name = declared.isEmpty() ? parameter.getParameterName() : declared;
        if (name == null) {
            throw new IllegalStateException("no name for parameter " + parameter.getParameterIndex() + " of " + parameter.getExecutable());
        }
        return name;
    }

    private static byte[] sampleFile() {
        return "name,email,phone,company,title,industry,source\nEka,eka.hostile@example.com,,,,,\n".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String shown(String value) {
        String printable = value.chars().mapToObj(c -> c < 0x20 ? String.format("\\u%04x", c) : Character.toString(c)).collect(Collectors.joining());
        return "'" + (printable.length() > 40 ? printable.substring(0, 40) + "…(" + value.length() + ")" : printable) + "'";
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
