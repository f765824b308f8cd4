package io.leadjourney.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.intake.SignalRequest;
import io.leadjourney.people.PersonId;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.support.ProcessTest;
import io.leadjourney.support.TestClock;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** Broadcasts: a segment resolved at send time, every message checked right before it goes, each person at most once (on H2 and PostgreSQL). */
abstract class BroadcastsContract extends ProcessTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A person from a source of their own (the segment), with the email consent given (null: never asked). */
    private String person(String email, String source, Boolean emailConsent, String timeZone) {
        return intake.receive(Caller.intake("test"), new SignalRequest("form_submitted", email, null, "Sari Dewi", "Toko Sari", null, "retail", source,
            "id", timeZone, new SignalRequest.ConsentStatement(emailConsent, null, "promo-form-v1"), null, null), null).personId();
    }

    /** {@code count} people of the source with email consent; their addresses. */
    private List<String> consenting(String name, String source, int count) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            emails.add(newEmail(name + i));
            person(emails.get(i), source, true, null);
        }
        return emails;
    }

    private static String source() {
        return "bc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private HttpResponse<String> start(String json) {
        return http().as("marketing", "demo").postJson("/api/broadcasts", json);
    }

    private String started(String json) throws Exception {
        HttpResponse<String> answer = start(json);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return JSON.readTree(answer.body()).get("broadcastId").asText();
    }

    private JsonNode view(String id) throws Exception {
        HttpResponse<String> answer = http().as("marketing", "demo").get("/api/broadcasts/" + id);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private ProcessInstance process(String id) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).processDefinitionKey("broadcast").singleResult();
    }

    private void runBroadcast(String id) {
        ProcessInstance process = process(id);
        if (process != null) {
            runDueJobs(process);
        }
    }

    @Test
    void aSegmentOfFourWhereOneUnsubscribedAndOneNeverConsentedGetsExactlyTwoMailsOnceEach() throws Exception {
        String source = source();
        String first = newEmail("bc.first");
        String second = newEmail("bc.second");
        String unsubscribed = newEmail("bc.unsubscribed");
        String neverAsked = newEmail("bc.never");
        person(first, source, true, null);
        person(second, source, true, null);
        String stopped = person(unsubscribed, source, true, null);
        transaction.executeWithoutResult(status -> people.stopMarketing(PersonId.of(stopped), now(), "unsubscribe link"));
        person(neverAsked, source, null, null);
        person(newEmail("bc.elsewhere"), source(), true, null);

        String id = started("{\"name\":\"Webinar Desember\",\"channel\":\"EMAIL\",\"template\":\"webinar-invite\",\"segment\":{\"sources\":[\"" + source + "\"]}}");
        runBroadcast(id);
        runBroadcast(id);

        assertThat(mailTo(first)).hasSize(1);
        assertThat(subject(mailTo(first).get(0))).containsIgnoringCase("webinar");
        assertThat(mailTo(second)).hasSize(1);
        assertThat(mailTo(unsubscribed)).isEmpty();
        assertThat(mailTo(neverAsked)).isEmpty();
        JsonNode view = view(id);
        assertThat(view.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(view.get("audience").asInt()).isEqualTo(4);
        assertThat(view.get("sent").asInt()).isEqualTo(2);
        assertThat(view.get("pending").asInt()).isZero();
        assertThat(view.get("skipped").get("unsubscribed").asInt()).isEqualTo(1);
        assertThat(view.get("skipped").get("no email consent").asInt()).isEqualTo(1);
        assertThat(view.get("variants").get(0).get("template").asText()).isEqualTo("webinar-invite");
        assertThat(view.get("variants").get(0).get("sent").asInt()).isEqualTo(2);
        assertThat(process(id)).isNull();
    }

    @Test
    void aCrashAfterTheSendsSendsNothingAgain() throws Exception {
        String source = source();
        List<String> emails = consenting("bc.crash", source, 3);
        String id = started("{\"name\":\"Crash\",\"channel\":\"EMAIL\",\"template\":\"webinar-invite\",\"segment\":{\"sources\":[\"" + source + "\"]}}");
        ProcessInstance process = process(id);
        Job sendTime = management.createJobQuery().processInstanceId(process.getId()).singleResult();
        management.executeJob(sendTime.getId());
        List<Job> lanes = management.createJobQuery().processInstanceId(process.getId()).activityId("ServiceTask_SendBatch").list();
        assertThat(lanes).hasSize(4);
        Job batch = lanes.get(0);

        // the node sends a batch (2 of the 3) and dies before its transaction commits: the job and the recipients' rows roll back
        transaction.executeWithoutResult(status -> {
            management.executeJob(batch.getId());
            status.setRollbackOnly();
        });
        assertThat(emails.stream().filter(email -> mailTo(email).size() == 1)).hasSize(2);
        assertThat(view(id).get("status").asText()).isEqualTo("RUNNING");

        runBroadcast(id);

        emails.forEach(email -> assertThat(mailTo(email)).as(email).hasSize(1));
        JsonNode view = view(id);
        assertThat(view.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(view.get("sent").asInt()).isEqualTo(3);
    }

    @Test
    void lanesSendSideBySideInSmallBatchesAndNoOneGetsItTwice() throws Exception {
        String source = source();
        List<String> emails = consenting("bc.lanes", source, 9);
        String id = started("{\"name\":\"Lanes\",\"channel\":\"EMAIL\",\"template\":\"webinar-invite\",\"segment\":{\"sources\":[\"" + source + "\"]}}");
        String processInstance = process(id).getId();

        runBroadcast(id);

        emails.forEach(email -> assertThat(mailTo(email)).as(email).hasSize(1));
        assertThat(view(id).get("sent").asInt()).isEqualTo(9);
        // four lanes (journey.broadcasts.lanes), batches of two (the test profile's batch size): 9 people need five batches
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(processInstance).activityId("SubProcess_Sending").count())
            .isEqualTo(4);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(processInstance).activityId("ServiceTask_SendBatch").count())
            .isGreaterThanOrEqualTo(5);
    }

    @Test
    void variantsSplitTheAudienceByShareAndEachPersonGetsOne() throws Exception {
        String source = source();
        List<String> emails = consenting("bc.ab", source, 20);
        String id = started("{\"name\":\"A/B\",\"channel\":\"email\",\"variants\":[{\"template\":\"webinar-invite\",\"share\":50},"
            + "{\"template\":\"webinar-invite-b\",\"share\":50}],\"segment\":{\"sources\":[\"" + source + "\"],\"stages\":[\"lead\"]}}");
        runBroadcast(id);

        int a = 0;
        int b = 0;
        for (String email : emails) {
            assertThat(mailTo(email)).hasSize(1);
            String template = mailTo(email).get(0).getHeader("X-Lead-Journey-Template")[0];
            if (template.equals("webinar-invite")) {
                a++;
            } else {
                assertThat(template).isEqualTo("webinar-invite-b");
                b++;
            }
        }
        assertThat(a).isPositive();
        assertThat(b).isPositive();
        JsonNode variants = view(id).get("variants");
        assertThat(variants.get(0).get("sent").asInt()).isEqualTo(a);
        assertThat(variants.get(0).get("share").asInt()).isEqualTo(50);
        assertThat(variants.get(1).get("sent").asInt()).isEqualTo(b);
    }

    @Test
    void opensClicksAndConversionsAreCountedPerVariant() throws Exception {
        String source = source();
        String reader = newEmail("bc.reader");
        String readerId = person(reader, source, true, null);
        String id = started("{\"name\":\"Results\",\"channel\":\"EMAIL\",\"template\":\"webinar-invite\",\"segment\":{\"sources\":[\"" + source + "\"]}}");
        runBroadcast(id);
        String messageId = mailTo(reader).get(0).getMessageID();

        assertThat(intake().postJson("/api/email-events", "{\"type\":\"clicked\",\"messageId\":\"" + messageId + "\"}").statusCode()).isEqualTo(202);
        signal("demo_requested", reader);

        JsonNode variant = view(id).get("variants").get(0);
        assertThat(variant.get("sent").asInt()).isEqualTo(1);
        assertThat(variant.get("opened").asInt()).isEqualTo(1);
        assertThat(variant.get("clicked").asInt()).isEqualTo(1);
        assertThat(stage(readerId).name()).isEqualTo("SQL");
        assertThat(variant.get("converted").asInt()).isEqualTo(1);
    }

    @Test
    void aBroadcastWaitsForItsSendTimeAndEachPersonsSendWindow() throws Exception {
        String source = source();
        String jakarta = newEmail("bc.jakarta");
        String london = newEmail("bc.london");
        person(jakarta, source, true, null);
        person(london, source, true, "Europe/London");
        String sendAt = now().plusHours(2).toString();
        String id = started("{\"name\":\"Later\",\"channel\":\"EMAIL\",\"template\":\"webinar-invite\",\"sendAt\":\"" + sendAt
            + "\",\"segment\":{\"sources\":[\"" + source + "\"]}}");
        runBroadcast(id);
        assertThat(view(id).get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(mailTo(jakarta)).isEmpty();

        advance(Duration.ofHours(2), process(id));
        // 12:00 in Jakarta, 05:00 in London: one goes now, the other when London's window opens
        assertThat(mailTo(jakarta)).hasSize(1);
        assertThat(mailTo(london)).isEmpty();
        JsonNode running = view(id);
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.get("sent").asInt()).isEqualTo(1);
        assertThat(running.get("pending").asInt()).isEqualTo(1);

        advance(Duration.ofHours(4), process(id));
        assertThat(mailTo(london)).hasSize(1);
        assertThat(view(id).get("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void cancelStopsWhatHasNotGoneOut() throws Exception {
        String source = source();
        String jakarta = newEmail("bc.cjakarta");
        String london = newEmail("bc.clondon");
        person(jakarta, source, true, null);
        person(london, source, true, "Europe/London");
        String id = started("{\"name\":\"Cancel me\",\"channel\":\"EMAIL\",\"template\":\"webinar-invite\",\"segment\":{\"sources\":[\"" + source + "\"]}}");
        runBroadcast(id);
        assertThat(mailTo(jakarta)).hasSize(1);
        String processInstanceId = process(id).getId();

        HttpResponse<String> cancel = http().as("marketing", "demo").postJson("/api/broadcasts/" + id + "/cancel", "{}");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        assertThat(JSON.readTree(cancel.body()).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(process(id)).isNull();
        TestClock.set(TestClock.now().plus(Duration.ofHours(24)));
        assertThat(management.createJobQuery().processInstanceId(processInstanceId).count()).isZero();
        assertThat(mailTo(london)).isEmpty();
        JsonNode view = view(id);
        assertThat(view.get("sent").asInt()).isEqualTo(1);
        assertThat(view.get("pending").asInt()).isZero();
        assertThat(http().as("marketing", "demo").postJson("/api/broadcasts/" + id + "/cancel", "{}").statusCode()).isEqualTo(409);
    }

    @Test
    void badRequestsAreRefusedWithEveryProblemNamed() throws Exception {
        HttpResponse<String> answer = start("{\"name\":\"\",\"channel\":\"SMS\",\"variants\":[{\"template\":\"webinar-invite\",\"share\":60},"
            + "{\"template\":\"no-such-template\",\"share\":30}],\"segment\":{\"stages\":[\"HOT\"],\"grades\":[\"D\"]},\"sendAt\":\"tomorrow\"}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("name", "EMAIL or WHATSAPP", "'HOT' is not a stage", "'D' is not a grade", "sendAt");
        HttpResponse<String> shares = start("{\"name\":\"x\",\"channel\":\"EMAIL\",\"variants\":[{\"template\":\"webinar-invite\",\"share\":60},"
            + "{\"template\":\"webinar-invite-b\",\"share\":30}],\"segment\":{}}");
        assertThat(shares.statusCode()).isEqualTo(400);
        assertThat(shares.body()).contains("add up to 90");
        HttpResponse<String> missing = start("{\"name\":\"x\",\"channel\":\"EMAIL\",\"template\":\"no-such-template\",\"segment\":{}}");
        assertThat(missing.body()).contains("messages/no-such-template.id.txt does not exist");
        assertThat(http().as("marketing", "demo").get("/api/broadcasts/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(http().as("sales", "demo").postJson("/api/broadcasts", "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void marketingOpsStartOneOnThePageAndWatchItGoOut() throws Exception {
        String source = source();
        String email = newEmail("bc.page");
        person(email, source, true, null);
        IntFunction<String> form = share -> "name=Promo+Desember&channel=EMAIL&variants="
            + URLEncoder.encode("webinar-invite 60\nwebinar-invite-b " + share, StandardCharsets.UTF_8)
            + "&stages=LEAD&sources=" + source + "&sendAt=";
        HttpResponse<String> refused = http().as("marketing", "demo").postForm("/broadcasts", form.apply(30));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Not started").contains("add up to 90").contains("value=\"Promo Desember\"")
            .contains("webinar-invite-b 30");

        HttpResponse<String> started = http().as("marketing", "demo").postForm("/broadcasts", form.apply(40));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String page = started.headers().firstValue("Location").orElseThrow();
        String id = page.substring(page.lastIndexOf('/') + 1);
        assertThat(http().as("marketing", "demo").get("/broadcasts/" + id).body()).contains("SCHEDULED").contains("http-equiv=\"refresh\"");

        runBroadcast(id);

        assertThat(mailTo(email)).as(() -> http().as("marketing", "demo").get("/api/broadcasts/" + id).body()).hasSize(1);
        String done = http().as("marketing", "demo").get("/broadcasts/" + id).body();
        assertThat(done).contains("COMPLETED").contains("value=\"100\"").doesNotContain("http-equiv=\"refresh\"").doesNotContain("id=\"cancel\"");
        assertThat(http().as("marketing", "demo").get("/broadcasts").body()).contains("Promo Desember");
        assertThat(http().as("sales", "demo").get("/broadcasts").statusCode()).isEqualTo(403);
    }
}
