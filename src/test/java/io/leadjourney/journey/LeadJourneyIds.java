package io.leadjourney.journey;

/** Element ids of bpmn/lead-journey.bpmn and bpmn/opportunity.bpmn that the tests check. */
public final class LeadJourneyIds {
    public static final String SEND_NURTURE_MESSAGE = "ServiceTask_SendNurtureMessage";
    public static final String CADENCE_ELAPSED = "IntermediateCatchEvent_CadenceElapsed";
    public static final String ENGAGEMENT_WINDOW = "IntermediateCatchEvent_EngagementWindowElapsed";
    public static final String DORMANT = "IntermediateCatchEvent_Dormant";
    public static final String FOLLOW_UP = "UserTask_FollowUp";
    public static final String ESCALATED_FOLLOW_UP = "UserTask_EscalatedFollowUp";
    public static final String ALERT_MANAGERS = "ServiceTask_AlertManagers";
    public static final String RETRY_CONTACT = "EventBasedGateway_UntilNextAttempt";
    public static final String REVISIT_PROSPECT = "EventBasedGateway_UntilRevisit";
    public static final String OPPORTUNITY = "CallActivity_Opportunity";
    public static final String REFERRAL_DUE = "IntermediateCatchEvent_ReferralDue";
    public static final String ASK_FOR_REFERRAL = "UserTask_AskForReferral";
    public static final String REENGAGE_WHEN = "EventBasedGateway_ReengageWhen";
    public static final String REENGAGEMENT_DUE = "IntermediateCatchEvent_ReengagementDue";
    public static final String ENGAGED_EARLY = "IntermediateCatchEvent_EngagedEarly";
    public static final String OPPORTUNITY_CLOSED = "IntermediateCatchEvent_OpportunityClosed";

    public static final String DISCOVERY = "UserTask_Discovery";
    public static final String EDUCATION = "UserTask_Education";
    public static final String CLOSING = "UserTask_Closing";

    private LeadJourneyIds() {
    }
}
