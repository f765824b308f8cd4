package io.leadjourney.journey;

import java.util.Date;
import java.util.Map;

/**
 * The variables of the lead-journey and opportunity processes. The person lives in lj_person; the processes keep
 * their id and the small values their decisions and conditions need. Counters are {@link Number}s because the
 * models' expressions ({@code ${silentRounds + 1}}) produce Longs while the DMN tables produce Integers.
 */
public final class JourneyVariables {

    public static final String PROCESS_KEY = "lead-journey";
    public static final String OPPORTUNITY_PROCESS_KEY = "opportunity";
    public static final String MESSAGE_SIGNAL = "Message_Signal";

    public static final ProcessVariable<String> PERSON_ID = ProcessVariable.of("personId", String.class);
    /** The person's stage (a {@link io.leadjourney.people.Stage} name); conditional events in the model watch it. */
    public static final ProcessVariable<String> STAGE = ProcessVariable.of("stage", String.class);
    public static final ProcessVariable<Number> SCORE = ProcessVariable.of("score", Number.class);

    // profile, refreshed from lj_person at the start and on every signal (inputs of the DMN tables)
    public static final ProcessVariable<String> TITLE = ProcessVariable.of("title", String.class);
    public static final ProcessVariable<String> INDUSTRY = ProcessVariable.of("industry", String.class);
    public static final ProcessVariable<String> SEGMENT = ProcessVariable.of("segment", String.class);
    public static final ProcessVariable<String> COUNTRY = ProcessVariable.of("country", String.class);
    public static final ProcessVariable<Boolean> WHATSAPP_CONSENT = ProcessVariable.of("whatsappConsent", Boolean.class);
    /** True once the person unsubscribed or withdrew consent: the nurture track stops at once. */
    public static final ProcessVariable<Boolean> MARKETING_STOPPED = ProcessVariable.of("marketingStopped", Boolean.class);

    // marketing
    public static final ProcessVariable<Number> SILENT_ROUNDS = ProcessVariable.of("silentRounds", Number.class);
    public static final ProcessVariable<Boolean> ENGAGED = ProcessVariable.of("engaged", Boolean.class);
    public static final ProcessVariable<Boolean> REENGAGED = ProcessVariable.of("reengaged", Boolean.class);
    public static final ProcessVariable<Boolean> REFERRAL_ASKED = ProcessVariable.of("referralAsked", Boolean.class);
    /** nurture-track's "Also on weekends and holidays": the track's messages may go out on the team's days off. */
    public static final ProcessVariable<Boolean> SEND_ON_DAYS_OFF = ProcessVariable.of("sendOnDaysOff", Boolean.class);
    public static final ProcessVariable<String> LAST_SIGNAL_TYPE = ProcessVariable.of("lastSignalType", String.class);
    public static final ProcessVariable<Long> ESTIMATED_VALUE = ProcessVariable.of("estimatedValue", Long.class);
    public static final ProcessVariable<Boolean> COMPETITOR_INVOLVED = ProcessVariable.of("competitorInvolved", Boolean.class);
    public static final ProcessVariable<Number> SIGNAL_POINTS = ProcessVariable.of("signalPoints", Number.class);
    public static final ProcessVariable<String> QUALIFIED_STAGE = ProcessVariable.of("qualifiedStage", String.class);
    /** The qualification table's verdict on the latest signal: the person asks for sales (demo, quote, price, meeting). */
    public static final ProcessVariable<Boolean> HAND_RAISER = ProcessVariable.of("handRaiser", Boolean.class);
    /**
     * A hand-raiser arrived while sales already had the person and no new follow-up has served it yet: the journey's
     * "Hand raised" events react to it being set (lead-journey.bpmn). Every journey has it (start and migration defaults).
     */
    public static final ProcessVariable<Boolean> HAND_RAISED = ProcessVariable.of("handRaised", Boolean.class);

    /** How fast the score fades (score-decay): it halves every half-life without signals. */
    public static final ProcessVariable<String> HALF_LIFE = ProcessVariable.of("halfLife", String.class);
    /** A sales verdict (sales-cool-down) still holds the person in nurture: only a hand-raiser makes them sales-ready. */
    public static final ProcessVariable<Boolean> COOLING_DOWN = ProcessVariable.of("coolingDown", Boolean.class);


    // sales
    public static final ProcessVariable<String> CANDIDATE_GROUP = ProcessVariable.of("candidateGroup", String.class);
    /** The follow-up's priority, as lead-priority decided it. */
    public static final ProcessVariable<Number> PRIORITY = ProcessVariable.of("priority", Number.class);
    public static final ProcessVariable<String> FOLLOW_UP_WITHIN = ProcessVariable.of("followUpWithin", String.class);
    public static final ProcessVariable<Date> FOLLOW_UP_DUE = ProcessVariable.of("followUpDue", Date.class);
    public static final ProcessVariable<String> FOLLOW_UP_ASSIGNEE = ProcessVariable.of("followUpAssignee", String.class);
    /** The salesperson who owns an opportunity (in the opportunity process). */
    public static final ProcessVariable<String> OWNER = ProcessVariable.of("owner", String.class);
    public static final ProcessVariable<Number> CONTACT_ATTEMPTS = ProcessVariable.of("contactAttempts", Number.class);
    public static final ProcessVariable<Boolean> CONTACTED = ProcessVariable.of("contacted", Boolean.class);
    /** Follow-up tasks completed so far; an escalation of an overdue follow-up ends when it grows (lead-journey.bpmn). */
    public static final ProcessVariable<Number> FOLLOW_UPS_DONE = ProcessVariable.of("followUpsDone", Number.class);
    public static final ProcessVariable<String> NOTES = ProcessVariable.of("notes", String.class);
    public static final ProcessVariable<String> GRADE = ProcessVariable.of("grade", String.class);
    public static final ProcessVariable<String> LOSS_REASON = ProcessVariable.of("lossReason", String.class);
    /** The follow-up form's "disqualify" and its reason (NOT_A_FIT, NO_BUDGET, SPAM, COMPETITOR, OTHER). */
    public static final ProcessVariable<Boolean> DISQUALIFIED = ProcessVariable.of("disqualified", Boolean.class);
    public static final ProcessVariable<String> DISQUALIFY_REASON = ProcessVariable.of("disqualifyReason", String.class);
    /** What sales said last: a grade, DISQUALIFIED or UNREACHED (sales-cool-down's input). */
    public static final ProcessVariable<String> SALES_VERDICT = ProcessVariable.of("salesVerdict", String.class);
    public static final ProcessVariable<String> COOL_DOWN = ProcessVariable.of("coolDown", String.class);
    public static final ProcessVariable<String> OUTCOME = ProcessVariable.of("outcome", String.class);
    public static final ProcessVariable<String> OPPORTUNITY_ID = ProcessVariable.of("opportunityId", String.class);
    public static final ProcessVariable<Long> DEAL_VALUE = ProcessVariable.of("value", Long.class);

    // one signal the journey acts on, handed to its "Apply signal" event sub-process (JourneyService.applySignal) as
    // transient local variables: never stored, the signal and its decisions are in lj_signal and the decision history
    public static final ProcessVariable<String> SIGNAL_ID = ProcessVariable.of("signalId", String.class);
    public static final ProcessVariable<String> SIGNAL_TYPE = ProcessVariable.of("signalType", String.class);
    /** lead-qualification's stage for the signal (journeys on versions before the lean signal path set QUALIFIED_STAGE). */
    public static final ProcessVariable<String> SIGNAL_QUALIFIED_STAGE = ProcessVariable.of("signalQualifiedStage", String.class);
    public static final ProcessVariable<Boolean> SIGNAL_HAND_RAISER = ProcessVariable.of("signalHandRaiser", Boolean.class);

    // input parameters of the element templates
    public static final ProcessVariable<String> TARGET_STAGE = ProcessVariable.of("targetStage", String.class);
    public static final ProcessVariable<String> TEMPLATE = ProcessVariable.of("template", String.class);
    public static final ProcessVariable<String> CHANNEL = ProcessVariable.of("channel", String.class);
    public static final ProcessVariable<String> RESULT = ProcessVariable.of("result", String.class);

    /** Variables the journey's conditions read, with the value a journey starts with (also given to migrated journeys). */
    public static final Map<String, Object> DEFAULTS = Map.of(HAND_RAISED.name(), false, COOLING_DOWN.name(), false, DISQUALIFIED.name(), false);

    private JourneyVariables() {
    }

    static int count(Number value) {
        return value == null ? 0 : value.intValue();
    }
}
