package io.leadjourney.campaigns;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.leadjourney.messaging.MessageCatalogue;
import io.leadjourney.people.Channel;
import io.leadjourney.people.Stage;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.web.ConflictException;
import io.leadjourney.platform.web.FieldProblem;
import io.leadjourney.platform.web.InvalidRequestException;
import io.leadjourney.platform.web.NotFoundException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-off campaigns to a segment. Each runs as broadcast.bpmn: the segment is resolved when the send time comes, then
 * batches go out in jobs of their own, every message checked like a journey's (consent, unsubscribe, send window,
 * weekly cap) right before it is sent, and sent at most once per person (the outbox keys it by broadcast and person).
 */
@Service
public class Broadcasts {

    static final String STEP_KEY = "broadcast";
    private static final Set<String> GRADES = Set.of("A", "B", "C");
    private static final String TEMPLATE_NAME = "[a-z0-9][a-z0-9_-]{0,99}";

    /** What GET /api/broadcasts/{id} answers. */
    public record View(String broadcastId, String name, String channel, String status, Integer audience, int sent, int pending,
                       Map<String, Integer> skipped, List<VariantResult> variants, OffsetDateTime sendAt, OffsetDateTime finishedAt,
                       String createdBy) {

        /** How many of the audience have been handled (sent or skipped), in percent; 0 before the segment is resolved. */
        public int progress() {
            return audience == null || audience == 0 ? (finishedAt == null ? 0 : 100) : (audience - pending) * 100 / audience;
        }
    }

    public record VariantResult(String template, int share, int sent, int opened, int clicked, int converted) {
    }

    private final BroadcastRepository repository;
    private final RuntimeService runtime;
    private final MessageCatalogue catalogue;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int lanes;
    private final BroadcastResults results;

    Broadcasts(BroadcastRepository repository, RuntimeService runtime, MessageCatalogue catalogue, TransactionTemplate transaction, Clock clock,
               CampaignSettings settings, BroadcastResults results) {
        this.results = results;
        this.lanes = settings.broadcasts().lanes();
        this.repository = repository;
        this.runtime = runtime;
        this.catalogue = catalogue;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Checks the request, stores the broadcast and starts its process; returns its id. */
    public String create(Caller caller, BroadcastRequest request) {
        Checked checked = check(request);
        return transaction.execute(status -> {
            String id = repository.insert(request.name().trim(), checked.channel().name(), checked.segment(), checked.variants(), checked.sendAt(),
                caller.name());
            String processInstanceId = runtime.createProcessInstanceByKey(BroadcastVariables.PROCESS_KEY)
                .businessKey(id)
                .setVariable(BroadcastVariables.BROADCAST_ID.name(), id)
                .setVariable(BroadcastVariables.SEND_AT.name(), Date.from(checked.sendAt().toInstant()))
                .setVariable(BroadcastVariables.LANES.name(), lanes)
                .execute()
                .getId();
            repository.started(id, processInstanceId);
            return id;
        });
    }

    public View view(String id) {
        BroadcastRepository.Broadcast broadcast = repository.find(id).orElseThrow(() -> new NotFoundException("No broadcast " + id + "."));
        BroadcastResults.Progress progress = results.progress(id);
        Map<String, int[]> engaged = results.engagement(broadcast);
        List<VariantResult> variants = new ArrayList<>();
        int sent = 0;
        for (BroadcastRequest.Variant variant : broadcast.variants()) {
            int[] figures = engaged.getOrDefault(variant.template(), new int[3]);
            int sentOfVariant = progress.sentByTemplate().getOrDefault(variant.template(), 0);
            variants.add(new VariantResult(variant.template(), variant.share(), sentOfVariant, figures[0], figures[1], figures[2]));
            sent += sentOfVariant;
        }
        return new View(id, broadcast.name(), broadcast.channel(), broadcast.status().name(), broadcast.audience(), sent, progress.pending(),
            progress.skipped(), variants, broadcast.sendAt(), broadcast.finishedAt(), broadcast.createdBy());
    }

    /** The latest broadcasts with their progress, newest first. */
    public List<View> recent(int max) {
        return repository.recent(max).stream().map(broadcast -> view(broadcast.id())).toList();
    }

    /** Stops what has not gone out yet; a finished broadcast cannot be cancelled. */
    public View cancel(String id) {
        BroadcastRepository.Broadcast broadcast = repository.find(id).orElseThrow(() -> new NotFoundException("No broadcast " + id + "."));
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> {
                    if (runtime.createProcessInstanceQuery().processInstanceId(broadcast.processInstanceId()).count() == 0) {
                        throw new ConflictException("The broadcast is " + repository.find(id).orElseThrow().status().name().toLowerCase(Locale.ROOT)
                            + "; there is nothing left to cancel.");
                    }
                    runtime.createMessageCorrelation(BroadcastVariables.CANCELLED_MESSAGE)
                        .processInstanceId(broadcast.processInstanceId())
                        .correlateWithResult();
                });
                return view(id);
            } catch (OptimisticLockingException e) {
                // a batch was being sent at that moment: what it sent stays sent, the cancellation stops the rest
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    static String stepKey(String broadcastId) {
        return STEP_KEY + ":" + broadcastId;
    }

    private record Checked(Channel channel, BroadcastRequest.Segment segment, List<BroadcastRequest.Variant> variants, OffsetDateTime sendAt) {
    }

    private Checked check(BroadcastRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request == null) {
            throw new InvalidRequestException("body", "send a JSON object with name, channel, template (or variants) and segment");
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            problems.add(new FieldProblem("name", "give the broadcast a name (at most 200 characters) marketing ops will recognise"));
        }
        Channel channel = null;
        try {
            channel = Channel.valueOf(String.valueOf(request.channel()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("channel", "must be EMAIL or WHATSAPP"));
        }
        List<BroadcastRequest.Variant> variants = variants(request, channel, problems);
        BroadcastRequest.Segment segment = segment(request.segment(), problems);
        OffsetDateTime sendAt = OffsetDateTime.now(clock);
        if (request.sendAt() != null && !request.sendAt().isBlank()) {
            try {
                OffsetDateTime wanted = OffsetDateTime.parse(request.sendAt().trim());
                sendAt = wanted.isAfter(sendAt) ? wanted : sendAt;
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("sendAt", "'" + request.sendAt() + "' is not an ISO-8601 time with offset, e.g. 2026-12-01T09:00:00+07:00"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new Checked(channel, segment, variants, sendAt);
    }

    private List<BroadcastRequest.Variant> variants(BroadcastRequest request, Channel channel, List<FieldProblem> problems) {
        boolean single = request.template() != null;
        boolean split = request.variants() != null && !request.variants().isEmpty();
        if (single == split) {
            problems.add(new FieldProblem("template", "give either template or variants (a list of {template, share})"));
            return List.of();
        }
        List<BroadcastRequest.Variant> variants = single ? List.of(new BroadcastRequest.Variant(request.template(), 100)) : request.variants();
        int total = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            BroadcastRequest.Variant variant = variants.get(i);
            String field = single ? "template" : "variants[" + i + "]";
            if (variant == null || variant.template() == null || !variant.template().matches(TEMPLATE_NAME)) {
                problems.add(new FieldProblem(field, "a template name: lower-case letters, digits, - and _"));
                continue;
            }
            if (!seen.add(variant.template())) {
                problems.add(new FieldProblem(field, "template '" + variant.template() + "' is named twice"));
            }
            if (variant.share() == null || variant.share() < 1 || variant.share() > 100) {
                problems.add(new FieldProblem(field + ".share", "a percentage from 1 to 100"));
            } else {
                total += variant.share();
            }
            if (channel == Channel.EMAIL) {
                for (String language : List.of("id", "en")) {
                    if (!catalogue.exists(variant.template(), language)) {
                        problems.add(new FieldProblem(field, "messages/" + variant.template() + "." + language + ".txt does not exist"));
                    }
                }
            }
        }
        if (!single && problems.stream().noneMatch(problem -> problem.field().endsWith(".share")) && total != 100) {
            problems.add(new FieldProblem("variants", "the shares add up to " + total + "; they must add up to 100"));
        }
        return variants.stream().map(v -> new BroadcastRequest.Variant(v.template(), v.share())).toList();
    }

    private static BroadcastRequest.Segment segment(BroadcastRequest.Segment segment, List<FieldProblem> problems) {
        if (segment == null) {
            problems.add(new FieldProblem("segment", "say who gets it: stages, grades, industries, sources, minScore ({} for everyone)"));
            return null;
        }
        List<String> stages = upperCase(segment.stages());
        stages.stream().filter(stage -> Arrays.stream(Stage.values()).noneMatch(known -> known.name().equals(stage)))
            .forEach(stage -> problems.add(new FieldProblem("segment.stages", "'" + stage + "' is not a stage: " + Arrays.toString(Stage.values()))));
        List<String> grades = upperCase(segment.grades());
        grades.stream().filter(grade -> !GRADES.contains(grade))
            .forEach(grade -> problems.add(new FieldProblem("segment.grades", "'" + grade + "' is not a grade: A, B or C")));
        if (segment.minScore() != null && segment.minScore() < 0) {
            problems.add(new FieldProblem("segment.minScore", "must be 0 or more"));
        }
        return new BroadcastRequest.Segment(stages, grades, trimmed(segment.industries()), trimmed(segment.sources()), segment.minScore());
    }

    private static List<String> upperCase(List<String> values) {
        return trimmed(values).stream().map(value -> value.toUpperCase(Locale.ROOT)).toList();
    }

    private static List<String> trimmed(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
