package io.leadjourney.journey;

/** The variables of the lead-journey process. The person lives in lj_person; the process keeps what its decisions need. */
public final class JourneyVariables {

    public static final String PROCESS_KEY = "lead-journey";
    public static final String MESSAGE_SIGNAL = "Message_Signal";

    public static final ProcessVariable<String> PERSON_ID = ProcessVariable.of("personId", String.class);
    /** The person's stage (a {@link io.leadjourney.people.Stage} name); conditional events in the model watch it. */
    public static final ProcessVariable<String> STAGE = ProcessVariable.of("stage", String.class);
    public static final ProcessVariable<Integer> SCORE = ProcessVariable.of("score", Integer.class);

    // local to one signal's event sub-process instance
    public static final ProcessVariable<String> SIGNAL_ID = ProcessVariable.of("signalId", String.class);
    public static final ProcessVariable<String> SIGNAL_TYPE = ProcessVariable.of("signalType", String.class);

    private JourneyVariables() {
    }
}
