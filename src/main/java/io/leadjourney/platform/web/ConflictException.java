package io.leadjourney.platform.web;

/** The request contradicts what was already done (e.g. an Idempotency-Key reused with another body); answered 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
