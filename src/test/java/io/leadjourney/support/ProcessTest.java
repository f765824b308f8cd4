package io.leadjourney.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadjourney.intake.SignalIntake;
import io.leadjourney.intake.SignalReceipt;
import io.leadjourney.intake.SignalRequest;
import io.leadjourney.journey.JourneyService;
import io.leadjourney.messaging.LocalSmtpServer;
import io.leadjourney.people.Channel;
import io.leadjourney.people.ConsentVia;
import io.leadjourney.people.ContactDetails;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import io.leadjourney.platform.security.Caller;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Process tests on the whole application (real delegates, DMN tables, database and SMTP server): the engine clock
 * starts at {@link TestClock#START} (a Monday 10:00 in Jakarta, inside the send window), and tests move it forward and
 * run the jobs that fall due, instead of waiting.
 */
public abstract class ProcessTest extends IntegrationTest {

    protected static final Instant START = TestClock.START;

    @Autowired
    protected ProcessEngine engine;
    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected TaskService tasks;
    @Autowired
    protected ManagementService management;
    @Autowired
    protected SignalIntake intake;
    @Autowired
    protected PeopleService people;
    @Autowired
    protected JourneyService journeyService;
    @Autowired
    protected LocalSmtpServer smtp;
    @Autowired
    protected TransactionTemplate transaction;

    @BeforeEach
    void assertionsOnThisEngine() {
        BpmnAwareTests.init(engine);
    }

    protected static String newEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.co.id";
    }

    protected SignalReceipt signal(String type, String email) {
        return signal(type, email, null);
    }

    protected SignalReceipt signal(String type, String email, Map<String, Object> attributes) {
        // a second between signals, as in life: history orders by time and would not tell same-instant events apart
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plusSeconds(1)));
        return intake.receive(Caller.intake("test"), new SignalRequest(type, email, null, "Rina Wijaya", null, null, null, "website",
            "id", null, new SignalRequest.ConsentStatement(true, false, "test-v1"), null, attributes), null);
    }

    /** A person who only exists as data (an imported contact), with email consent, and their journey. */
    protected Person importedContact(String email) {
        return transaction.execute(status -> {
            Person person = people.register(new ContactDetails(email, null, "Budi Santoso", "Toko Maju", "Pemilik", "retail", "expo-2026",
                "id", null), Stage.CONTACT, now()).person();
            people.recordConsent(person.id(), Channel.EMAIL, true, now(), "expo-2026", "expo-form-v1", ConsentVia.IMPORT);
            journeyService.ensureJourney(person);
            return person;
        });
    }

    /** The engine clock's time, which every row the service writes carries. */
    protected static OffsetDateTime now() {
        return TestClock.now().atOffset(ZoneOffset.UTC);
    }

    protected ProcessInstance journey(String personId) {
        return journeys.journeyOf(personId);
    }

    protected Stage stage(String personId) {
        return people.find(PersonId.of(personId)).orElseThrow().stage();
    }

    /** Moves the engine clock forward and runs every job of the instance (and its called processes) that is due. */
    protected void advance(Duration duration, ProcessInstance instance) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration)));
        runDueJobs(instance);
    }

    protected void runDueJobs(ProcessInstance instance) {
        for (int round = 0; round < 200; round++) {
            List<Job> due = management.createJobQuery().executable().list().stream()
                .filter(job -> belongsTo(job, instance))
                .toList();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException e) {
                    if (!deferred(job.getId())) {
                        throw e;
                    }
                }
            }
        }
        throw new AssertionError("jobs keep coming after 200 rounds");
    }

    /** A step that said "not yet" (send window, weekly cap): its job is still there, due later, with its retries. */
    private boolean deferred(String jobId) {
        Job job = management.createJobQuery().jobId(jobId).singleResult();
        return job != null && job.getDuedate() != null && job.getDuedate().after(ClockUtil.getCurrentTime());
    }

    private boolean belongsTo(Job job, ProcessInstance instance) {
        if (instance.getId().equals(job.getProcessInstanceId())) {
            return true;
        }
        return runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).list().stream()
            .anyMatch(sub -> sub.getId().equals(job.getProcessInstanceId()));
    }

    protected Task taskOf(ProcessInstance instance, String taskDefinitionKey) {
        List<Task> found = tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey()).taskDefinitionKey(taskDefinitionKey).list();
        if (found.isEmpty()) {
            List<String> subIds = runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).list().stream()
                .map(ProcessInstance::getId).toList();
            for (String sub : subIds) {
                found = tasks.createTaskQuery().processInstanceId(sub).taskDefinitionKey(taskDefinitionKey).list();
                if (!found.isEmpty()) {
                    break;
                }
            }
        }
        assertThat(found).as("open task " + taskDefinitionKey).hasSize(1);
        return found.get(0);
    }

    /**
     * Completes the task as the salesperson it is assigned to does in Tasklist, signed in: the history keeps a person's
     * answers (the engine's own variable changes leave no detail row, platform/engine LeanFullHistory).
     */
    protected void completeSignedIn(Task task, Map<String, Object> variables) {
        String user = task.getAssignee() != null ? task.getAssignee() : "sales";
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            tasks.complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    protected ProcessInstance opportunityOf(ProcessInstance journey) {
        return runtime.createProcessInstanceQuery().superProcessInstanceId(journey.getId()).singleResult();
    }

    protected List<MimeMessage> mailTo(String address) {
        return smtp.received().stream().filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The message's parts of one type (text/plain, text/html), concatenated. */
    protected static String part(MimeMessage message, String type) {
        try {
            StringBuilder found = new StringBuilder();
            collect(message, type, found);
            return found.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, String type, StringBuilder found) throws Exception {
        if (part.isMimeType(type)) {
            found.append(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), type, found);
            }
        }
    }

    protected static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
