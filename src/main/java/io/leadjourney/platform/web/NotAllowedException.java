package io.leadjourney.platform.web;

/** A caller that proved nothing or the wrong thing (a webhook's signature or verify token): answered 401 or 403. */
public class NotAllowedException extends RuntimeException {

    private final boolean unauthenticated;

    private NotAllowedException(String message, boolean unauthenticated) {
        super(message);
        this.unauthenticated = unauthenticated;
    }

    /** 401: the request carries no valid proof of who sent it. */
    public static NotAllowedException unauthenticated(String message) {
        return new NotAllowedException(message, true);
    }

    /** 403: the proof was read and does not allow this. */
    public static NotAllowedException forbidden(String message) {
        return new NotAllowedException(message, false);
    }

    public boolean unauthenticated() {
        return unauthenticated;
    }
}
