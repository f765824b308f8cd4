package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.leadjourney.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Hostile and malformed input, table-driven over the service's endpoints: never a 5xx, and every refusal problem+json
 * (also those Tomcat gives before the application sees the request).
 * The rows are the probe's findings (issue "Reliability and security") and their kind.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTest extends IntegrationTest {

    record Answer(int status, String contentType, String body) {
    }

    record Case(String name, Supplier<Answer> request) {
    }

    private Answer of(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    @Test
    void noHostileInputGetsA5xxAndTheApiAlwaysAnswersProblemJson(CapturedOutput log) {
        String body = "{\"type\":\"form_submitted\",\"email\":\"hostile." + UUID.randomUUID() + "@example.com\",\"occurredAt\":\"%s\"}";
        List<Case> cases = List.of(
            new Case("GET /api/people/%20", () -> of(http().as("admin", "demo").get("/api/people/%20"))),
            new Case("GET /api/people/%20/journey", () -> of(http().as("admin", "demo").get("/api/people/%20/journey"))),
            new Case("DELETE /api/people/%20", () -> of(http().as("admin", "demo").delete("/api/people/%20"))),
            new Case("GET /api/people/ with a 300-character id", () -> of(http().as("admin", "demo").get("/api/people/" + "x".repeat(300)))),
            new Case("GET /api/people?email=%00", () -> of(http().as("admin", "demo").get("/api/people?email=%00"))),
            new Case("GET /audit/people/%20", () -> of(http().as("admin", "demo").get("/audit/people/%20"))),
            new Case("GET /audit/people/%20/timeline.csv", () -> of(http().as("admin", "demo").get("/audit/people/%20/timeline.csv"))),
            new Case("GET /audit?q=%00", () -> of(http().as("admin", "demo").get("/audit?q=%00"))),
            new Case("occurredAt +999999999", () -> of(intake().postJson("/api/signals", body.formatted("+999999999-12-31T23:59:59-18:00")))),
            new Case("occurredAt year 0000", () -> of(intake().postJson("/api/signals", body.formatted("0000-01-01T00:00:00Z")))),
            new Case("occurredAt year 99999", () -> of(intake().postJson("/api/signals", body.formatted("+99999-01-01T00:00:00Z")))),
            new Case("funnel to=+999999999-12-31", () -> of(http().as("admin", "demo").get("/api/insight/funnel?to=%2B999999999-12-31"))),
            new Case("funnel from year 1", () -> of(http().as("admin", "demo").get("/api/insight/funnel?from=0001-01-01&to=0001-12-31"))),
            new Case("funnel page to=+999999999-12-31", () -> of(http().as("admin", "demo").get("/insight/funnel?to=%2B999999999-12-31"))),
            new Case("decisions.csv year 1", () -> of(http().as("admin", "demo").get("/audit/decisions.csv?from=0001-01-01&to=0001-01-02"))),
            new Case("decisions.csv -999999999", () -> of(http().as("admin", "demo").get("/audit/decisions.csv?from=-999999999-01-01&to=2026-01-01"))),
            new Case("decisions.csv +999999999", () -> of(http().as("admin", "demo").get("/audit/decisions.csv?from=2026-01-01&to=%2B999999999-12-31"))),
            new Case("import: header ending ,,", () -> of(upload("name,email,phone,company,title,industry,source,,\nEka,eka@example.com,,,,,,,\n",
                "contacts.csv"))),
            new Case("import: a file name of 300 characters", () -> of(upload("name,email,phone,company,title,industry,source\n",
                "x".repeat(300) + ".csv"))),
            new Case("import: a file name with NUL", () -> raw("POST /api/contacts/import HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: local-intake-key\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: %d\r\nConnection: close\r\n\r\n",
                "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000b.csv\"\r\n\r\nname,email,phone,company,title,industry,source\n"
                    + "\r\n--b--\r\n")),
            new Case("import: multipart without boundary", () -> raw("POST /api/contacts/import HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Api-Key: local-intake-key\r\nContent-Type: multipart/form-data\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", "garbage")),
            new Case("GET /error", () -> of(http().get("/error"))),
            new Case("NUL in X-Api-Key", () -> raw("POST /api/signals HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: local\u0000key\r\n"
                + "Content-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", "{}")),
            new Case("NUL in Idempotency-Key", () -> raw("POST /api/signals HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: local-intake-key\r\n"
                + "Idempotency-Key: a\u0000b\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n",
                "{\"type\":\"form_submitted\",\"email\":\"nul@example.com\"}")),
            new Case("a 9 KB header", () -> raw("GET /api/people?email=a@example.com HTTP/1.1\r\nHost: localhost\r\nX-Filler: " + "x".repeat(9 * 1024)
                + "\r\nConnection: close\r\n\r\n", null)),
            new Case("%2F in the path", () -> raw("GET /api/people/a%2Fb HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", null)),
            new Case("%00 in the path", () -> raw("GET /api/people/a%00b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", null)),
            new Case("%ZZ in the path", () -> raw("GET /api/people/a%ZZb HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", null)),
            new Case("a control character in the email", () -> of(intake().postJson("/api/signals",
                "{\"type\":\"form_submitted\",\"email\":\"a\\u0000b@example.com\"}"))),
            new Case("an Idempotency-Key of 10 000 characters", () -> of(intake().with("Idempotency-Key", "k".repeat(7000))
                .postJson("/api/signals", "{\"type\":\"form_submitted\",\"email\":\"long.key@example.com\"}"))),
            new Case("JSON nested 10 000 deep", () -> of(intake().postJson("/api/signals",
                "{\"type\":\"form_submitted\",\"email\":\"deep@example.com\",\"attributes\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}"))),
            new Case("a number as the type", () -> of(intake().postJson("/api/signals", "{\"type\":12,\"email\":\"n@example.com\"}"))),
            new Case("availability of a user with a strange id", () -> of(http().as("admin", "demo").putJson("/api/sales/availability/%20",
                "{\"available\":true}"))),
            new Case("preview with days=-5", () -> of(http().as("admin", "demo").post("/api/decisions/lead-qualification/preview?days=-5",
                "application/xml", "<x/>"))),
            new Case("preview of a table that is not XML", () -> of(http().as("admin", "demo").post("/api/decisions/lead-qualification/preview",
                "application/xml", "not xml at all")))
        );
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            Answer answer = c.request().get();
            if (answer.status() >= 500) {
                wrong.add(c.name() + ": " + answer.status() + " " + abbreviate(answer.body()));
            } else if (answer.status() >= 400 && !answer.contentType().contains("application/problem+json")) {
                wrong.add(c.name() + ": " + answer.status() + " answered as '" + answer.contentType() + "' " + abbreviate(answer.body()));
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(log.getAll()).as("a rejected header line is not logged with its key").doesNotContainIgnoringCase("x-api-key:");
    }

    private HttpResponse<String> upload(String csv, String fileName) {
        return intake().postMultipart("/api/contacts/import", Map.of(), "file", fileName, csv.getBytes(StandardCharsets.UTF_8));
    }

    /** A request written on a socket, for what an HTTP client library refuses to send. {@code head} has %d for the body length. */
    private Answer raw(String head, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String request = body == null ? head : head.formatted(content.length);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String statusLine = response.lines().findFirst().orElse("");
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            String contentType = response.lines().takeWhile(line -> !line.isEmpty())
                .filter(line -> line.toLowerCase().startsWith("content-type:")).findFirst().orElse("").substring(Math.min(13,
                    response.lines().takeWhile(line -> !line.isEmpty()).filter(line -> line.toLowerCase().startsWith("content-type:"))
                        .findFirst().orElse("").length())).trim();
            int bodyStart = response.indexOf("\r\n\r\n");
            return new Answer(status, contentType, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
