package io.leadjourney.people;

/** How a consent statement reached the ledger. */
public enum ConsentVia {
    /** The person's own statement with a signal (a form's consent box). */
    SIGNAL,
    /** A contact list import: it speaks for a list, not for the person, so it never overrides a withdrawal. */
    IMPORT,
    /** The unsubscribe link or the mail client's one-click unsubscribe: every channel. */
    UNSUBSCRIBE,
    BOUNCE,
    COMPLAINT,
    WHATSAPP_STOP,
    /** An operator or a connected system stating it on the person's behalf. */
    API;

    /** A statement by (or proven of) the person: a withdrawal that stands, a grant that restores. */
    public boolean individual() {
        return this != IMPORT;
    }
}
