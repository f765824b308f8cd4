package io.leadjourney.intake;

/** The answer to an accepted signal: who it was about, its id, and the person's stage once applied. */
public record SignalReceipt(String personId, String signalId, String stage) {
}
