package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.leadjourney.journey.LeadJourneyIds;
import io.leadjourney.people.PersonId;
import io.leadjourney.support.Http;
import io.leadjourney.support.MappedEndpoints;
import io.leadjourney.support.ProcessTest;
import io.leadjourney.support.TinyProcess;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may do what (ARCHITECTURE.md, "Users and rights"), as a table: every demo role, an intake system and nobody, on
 * each of the service's endpoints and the Camunda REST operations the contract names. Refused is 401, 403 or 404 (the
 * resource exists, the role may not see it); allowed is anything else.
 */
class AuthorizationMatrixTest extends ProcessTest {

    static final List<String> ROLES = List.of("anonymous", "intake", "sales", "manager", "marketing", "auditor", "admin");

    record Operation(String name, Set<String> allowed, Function<Http, HttpResponse<String>> call) {
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRoleIsAllowedExactlyWhatTheContractSays() {
        String nobodysPerson = signal("form_submitted", newEmail("matrix")).personId();
        ProcessInstance journey = journey(signal("demo_requested", newEmail("matrixtask")).personId());
        Task task = taskOf(journey, LeadJourneyIds.FOLLOW_UP);
        String deployment = engine.getRepositoryService().createDeployment().name("matrix-check").addString("matrix-check.bpmn", TinyProcess.bpmn("matrix-check")).deploy().getId();
        String table = read("dmn/lead-qualification.dmn");
        byte[] csv = "name,email,phone,company,title,industry,source\n".getBytes(StandardCharsets.UTF_8);
        String nobodysEmail = newEmail("matrixbyemail");
        signal("form_submitted", nobodysEmail);
        String importId = intake().postMultipart("/api/contacts/import", Map.of(), "file", "c.csv", csv).body()
            .replaceAll(".*\"importId\":\"([^\"]+)\".*", "$1");
        String unsubscribeToken = people.find(PersonId.parse(nobodysPerson).orElseThrow()).orElseThrow().unsubscribeToken();
        Set<String> everyone = Set.copyOf(ROLES);
        String broadcast = http().as("marketing", "demo").postJson("/api/broadcasts", "{\"name\":\"matrix\",\"channel\":\"EMAIL\","
            + "\"template\":\"webinar-invite\",\"segment\":{\"sources\":[\"matrix-nobody\"]},\"sendAt\":\"" + now().plusDays(1) + "\"}")
            .body().replaceAll(".*\"broadcastId\":\"([^\"]+)\".*", "$1");

        List<Operation> operations = List.of(
            new Operation("POST /api/signals", Set.of("intake"), http -> http.postJson("/api/signals", "{}")),
            new Operation("POST /api/email-events", Set.of("intake"), http -> http.postJson("/api/email-events", "{\"type\":\"opened\"}")),
            new Operation("GET /api/whatsapp/webhook (without Meta's verify token)", Set.of(),
                http -> http.get("/api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1")),
            new Operation("POST /api/whatsapp/webhook (unsigned)", Set.of(), http -> http.postJson("/api/whatsapp/webhook", "{}")),
            new Operation("POST /api/contacts/import", Set.of("intake", "marketing", "admin"),
                http -> http.postMultipart("/api/contacts/import", Map.of(), "file", "c.csv", csv)),
            new Operation("GET /api/contacts/imports/{id}", Set.of("intake", "marketing", "admin"),
                http -> http.get("/api/contacts/imports/" + importId)),
            new Operation("GET /api/people/{id} (nobody in sales works with)", Set.of("manager", "marketing", "auditor", "admin"),
                http -> http.get("/api/people/" + nobodysPerson)),
            new Operation("GET /api/people (?email= of nobody in sales works with)", Set.of("manager", "marketing", "auditor", "admin"),
                http -> http.get("/api/people?email=" + nobodysEmail)),
            new Operation("GET /api/people/{id}/consents", Set.of("marketing", "auditor", "admin"),
                http -> http.get("/api/people/" + nobodysPerson + "/consents")),
            new Operation("GET /api/people/{id}/journey", Set.of("marketing", "auditor", "admin"),
                http -> http.get("/api/people/" + nobodysPerson + "/journey")),
            new Operation("DELETE /api/people/{id}", Set.of("marketing", "admin"),
                http -> http.delete("/api/people/" + signal("form_submitted", newEmail("erase")).personId())),
            new Operation("GET /api/journeys/migrations", Set.of("marketing", "auditor", "admin"), http -> http.get("/api/journeys/migrations")),
            new Operation("POST /api/decisions/{key}/preview", Set.of("marketing", "admin"),
                http -> http.post("/api/decisions/lead-qualification/preview", "application/xml", table)),
            new Operation("POST /api/broadcasts", Set.of("marketing", "admin"), http -> http.postJson("/api/broadcasts", "{}")),
            new Operation("GET /api/broadcasts/{id}", Set.of("marketing", "admin"), http -> http.get("/api/broadcasts/" + broadcast)),
            new Operation("POST /api/broadcasts/{id}/cancel", Set.of("marketing", "admin"),
                http -> http.postJson("/api/broadcasts/" + broadcast + "/cancel", "{}")),
            new Operation("GET /broadcasts", Set.of("marketing", "admin"), http -> http.get("/broadcasts")),
            new Operation("POST /broadcasts", Set.of("marketing", "admin"), http -> http.postForm("/broadcasts", "name=")),
            new Operation("GET /broadcasts/{id}", Set.of("marketing", "admin"), http -> http.get("/broadcasts/" + broadcast)),
            new Operation("POST /broadcasts/{id}/cancel", Set.of("marketing", "admin"), http -> http.postForm("/broadcasts/" + broadcast + "/cancel", "")),
            new Operation("GET /api/audiences/export", Set.of("marketing", "admin"), http -> http.get("/api/audiences/export")),
            new Operation("GET /api/insight/funnel", Set.of("manager", "marketing", "auditor", "admin"), http -> http.get("/api/insight/funnel")),
            new Operation("GET /insight/funnel", Set.of("manager", "marketing", "auditor", "admin"), http -> http.get("/insight/funnel")),
            new Operation("GET /api/sales/availability", Set.of("sales", "manager", "admin"), http -> http.get("/api/sales/availability")),
            new Operation("PUT /api/sales/availability/{userId} (the manager's)", Set.of("manager", "admin"),
                http -> http.putJson("/api/sales/availability/manager", "{\"available\":true}")),
            new Operation("GET /audit", Set.of("marketing", "auditor", "admin"), http -> http.get("/audit")),
            new Operation("GET /audit/people/{id}", Set.of("marketing", "auditor", "admin"), http -> http.get("/audit/people/" + nobodysPerson)),
            new Operation("GET /audit/people/{id}/timeline.csv", Set.of("marketing", "auditor", "admin"),
                http -> http.get("/audit/people/" + nobodysPerson + "/timeline.csv")),
            new Operation("GET /audit/decisions.csv", Set.of("marketing", "auditor", "admin"), http -> http.get("/audit/decisions.csv")),
            new Operation("GET /models", Set.of("marketing", "admin"), http -> http.get("/models")),
            new Operation("POST /models", Set.of("marketing", "admin"),
                http -> http.postMultipart("/models", Map.of(), "file", "lead-qualification.dmn", table.getBytes(StandardCharsets.UTF_8))),
            new Operation("GET /unsubscribe/{token}", everyone, http -> http.get("/unsubscribe/" + unsubscribeToken)),
            new Operation("GET /v3/api-docs", everyone, http -> http.get("/v3/api-docs")),
            new Operation("GET /v3/api-docs.yaml", everyone, http -> http.get("/v3/api-docs.yaml")),
            new Operation("GET /mail", Set.of("marketing", "admin"), http -> http.get("/mail")),
            new Operation("GET /actuator/prometheus", Set.of("auditor", "admin"), http -> http.get("/actuator/prometheus")),
            new Operation("POST /engine-rest/deployment/create", Set.of("marketing", "admin"),
                http -> http.postMultipart("/engine-rest/deployment/create", Map.of("deployment-name", "matrix"), "data", "x.txt",
                    "not a model".getBytes(StandardCharsets.UTF_8))),
            new Operation("DELETE /engine-rest/deployment/{id}", Set.of("admin"),
                http -> http.delete("/engine-rest/deployment/" + deployment)),
            new Operation("POST /engine-rest/process-instance/{id}/variables", Set.of("marketing", "admin"),
                http -> http.postJson("/engine-rest/process-instance/" + journey.getId() + "/variables", "{\"modifications\":{}}")),
            new Operation("POST /engine-rest/task/{id}/assignee", Set.of("manager", "admin"),
                http -> http.postJson("/engine-rest/task/" + task.getId() + "/assignee", "{\"userId\":\"" + task.getAssignee() + "\"}")),
            new Operation("POST /engine-rest/task/{id}/localVariables (outside completing it)", Set.of("admin"),
                http -> http.postJson("/engine-rest/task/" + task.getId() + "/localVariables", "{\"modifications\":{\"notes\":{\"value\":\"x\"}}}")),
            new Operation("GET /engine-rest/task/{id}", Set.of("sales", "manager", "marketing", "auditor", "admin"),
                http -> http.get("/engine-rest/task/" + task.getId())),
            new Operation("POST /unsubscribe/{token}", everyone, http -> http.postForm("/unsubscribe/" + unsubscribeToken, "List-Unsubscribe=One-Click")));
        Set<String> rows = operations.stream().map(operation -> operation.name().replaceAll(" \\(.*", "")).collect(Collectors.toSet());
        assertThat(MappedEndpoints.of(mappings).stream().map(Object::toString).filter(e -> !e.endsWith(" /error") && !rows.contains(e)))
            .as("endpoints the service maps without a row here").isEmpty();

        Map<String, List<String>> wrong = new LinkedHashMap<>();
        for (Operation operation : operations) {
            for (String role : ROLES) {
                HttpResponse<String> response = operation.call().apply(client(role));
                int status = response.statusCode();
                // 404: the resource exists, but not for this role
                boolean refused = status == 401 || status == 403 || status == 404;
                if (refused == operation.allowed().contains(role)) {
                    wrong.computeIfAbsent(operation.name(), name -> new ArrayList<>()).add(role + " got " + status + " "
                        + response.body().substring(0, Math.min(200, response.body().length())));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private Http client(String role) {
        return switch (role) {
            case "anonymous" -> http();
            case "intake" -> intake();
            default -> http().as(role, passwordOf(role));
        };
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
