package io.leadjourney.journey;

/** Element ids of bpmn/lead-journey.bpmn and bpmn/opportunity.bpmn that the tests check. */
final class LeadJourneyIds {
    static final String SEND_NURTURE_MESSAGE = "ServiceTask_SendNurtureMessage";
    static final String CADENCE_ELAPSED = "IntermediateCatchEvent_CadenceElapsed";
    static final String ENGAGEMENT_WINDOW = "IntermediateCatchEvent_EngagementWindowElapsed";
    static final String DORMANT = "IntermediateCatchEvent_Dormant";
    static final String FOLLOW_UP = "UserTask_FollowUp";
    static final String ESCALATED_FOLLOW_UP = "UserTask_EscalatedFollowUp";
    static final String ALERT_MANAGERS = "ServiceTask_AlertManagers";
    static final String RETRY_CONTACT = "EventBasedGateway_UntilNextAttempt";
    static final String REVISIT_PROSPECT = "EventBasedGateway_UntilRevisit";
    static final String OPPORTUNITY = "CallActivity_Opportunity";
    static final String REFERRAL_DUE = "IntermediateCatchEvent_ReferralDue";
    static final String ASK_FOR_REFERRAL = "UserTask_AskForReferral";
    static final String REENGAGE_WHEN = "EventBasedGateway_ReengageWhen";
    static final String REENGAGEMENT_DUE = "IntermediateCatchEvent_ReengagementDue";
    static final String ENGAGED_EARLY = "IntermediateCatchEvent_EngagedEarly";
    static final String OPPORTUNITY_CLOSED = "IntermediateCatchEvent_OpportunityClosed";

    static final String DISCOVERY = "UserTask_Discovery";
    static final String EDUCATION = "UserTask_Education";
    static final String CLOSING = "UserTask_Closing";

    private LeadJourneyIds() {
    }
}
