package io.leadjourney.platform.web;

import java.io.IOException;

/** Thrown while a request body is read past its limit (RequestSizeLimit): answered 413, whoever reads the body. */
public class BodyTooLarge extends IOException {

    private final long limit;

    BodyTooLarge(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The BodyTooLarge in an exception's causes, or null. */
    public static BodyTooLarge in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLarge tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
