package io.leadjourney.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.leadjourney.journey.JourneyService;
import io.leadjourney.journey.SignalCatalogue;
import io.leadjourney.journey.SignalScoring;
import io.leadjourney.people.Channel;
import io.leadjourney.people.ConsentVia;
import io.leadjourney.people.ContactData;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.Registration;
import io.leadjourney.people.SignalHistory;
import io.leadjourney.people.Stage;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.web.ConflictException;
import io.leadjourney.platform.web.InvalidRequestException;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives one engagement signal: validates and normalises it, registers the person, scores the signal, stores it with
 * its decisions and hands it to the person's journey when the journey must act on it, all in one transaction; the answer is given only after that transaction committed.
 * Conflicts with concurrent work on the same person (a duplicate new person, a busy journey) roll back and retry.
 */
@Service
public class SignalIntake {

    static final int MAX_ATTEMPTS = 8;

    private final PeopleService people;
    private final SignalHistory signals;
    private final IdempotencyStore idempotency;
    private final JourneyService journeys;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SignalValidation validation;
    private final SignalScoring scoring;

    SignalIntake(PeopleService people, SignalHistory signals, IdempotencyStore idempotency, JourneyService journeys,
                 PlatformTransactionManager transactionManager, Clock clock,
                 MeterRegistry meters, SignalCatalogue catalogue, SignalScoring scoring) {
        this.validation = new SignalValidation(catalogue, clock);
        this.scoring = scoring;
        this.clock = clock;
        this.meters = meters;
        this.people = people;
        this.signals = signals;
        this.idempotency = idempotency;
        this.journeys = journeys;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public SignalReceipt receive(Caller caller, SignalRequest request, String idempotencyKey) {
        SignalValidation.ValidSignal signal = validation.validate(request);
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
        if (key != null && key.length() > 200) {
            throw new InvalidRequestException("Idempotency-Key", "must be at most 200 characters");
        }
        String hash = hash(request);
        for (int attempt = 1; ; attempt++) {
            try {
                SignalReceipt receipt = transaction.execute(status -> receiveOnce(caller, signal, key, hash));
                meters.counter("leadjourney.signals", "type", signal.type(), "stage", receipt.stage()).increment();
                return receipt;
            } catch (DuplicateKeyException | OptimisticLockingException | PessimisticLockingFailureException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private SignalReceipt receiveOnce(Caller caller, SignalValidation.ValidSignal signal, String key, String hash) {
        if (key != null) {
            Optional<IdempotencyStore.Answer> earlier = idempotency.find(caller.intakeSystem(), key);
            if (earlier.isPresent()) {
                if (!earlier.get().requestHash().equals(hash)) {
                    throw new ConflictException("Idempotency-Key '" + key + "' was already used with a different request body.");
                }
                return read(earlier.get().body());
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Registration registration = people.register(signal.contact(), Stage.CONTACT, now);
        Person person = registration.person();
        if (signal.consent() != null) {
            recordConsent(person, signal.consent(), signal.contact().source(), now);
        }
        String signalId = UUID.randomUUID().toString();
        SignalScoring.Scored scored = scoring.score(person, signal.type());
        signals.record(signalId, person.id(), signal.type(), signal.contact().source(), signal.occurredAt(), now,
            caller.name(), signal.attributesJson(), scored.decisionInstanceIds());
        journeys.applySignal(person, signalId, signal.type(), scored, signal.attributes());
        Stage stage = people.find(person.id()).map(Person::stage).orElseThrow();
        SignalReceipt receipt = new SignalReceipt(person.id().value(), signalId, stage.name());
        if (key != null) {
            idempotency.remember(caller.intakeSystem(), key, hash, 202, write(receipt));
        }
        return receipt;
    }

    private void recordConsent(Person person, SignalRequest.ConsentStatement consent, String source, OffsetDateTime at) {
        String wording = ContactData.text(consent.wording(), 100);
        if (consent.email() != null) {
            people.recordConsent(person.id(), Channel.EMAIL, consent.email(), at, source, wording, ConsentVia.SIGNAL);
        }
        if (consent.whatsapp() != null) {
            people.recordConsent(person.id(), Channel.WHATSAPP, consent.whatsapp(), at, source, wording, ConsentVia.SIGNAL);
        }
    }

    private static String hash(SignalRequest request) {
        try {
            byte[] canonical = SignalValidation.CANONICAL.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(SignalReceipt receipt) {
        try {
            return SignalValidation.CANONICAL.writeValueAsString(receipt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SignalReceipt read(String body) {
        try {
            return SignalValidation.CANONICAL.readValue(body.getBytes(StandardCharsets.UTF_8), SignalReceipt.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
