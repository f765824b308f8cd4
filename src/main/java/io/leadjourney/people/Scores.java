package io.leadjourney.people;

import java.time.Duration;

/** Engagement fades: a score halves every half-life (exponential decay, the shape of HubSpot's decaying scores). */
public final class Scores {

    private Scores() {
    }

    /** The score {@code elapsed} later, rounded to whole points; a zero or negative half-life or elapsed time keeps it. */
    public static int decayed(int score, Duration elapsed, Duration halfLife) {
        if (score <= 0 || halfLife.isZero() || halfLife.isNegative() || elapsed.isZero() || elapsed.isNegative()) {
            return score;
        }
        return (int) Math.round(score * Math.pow(0.5, (double) elapsed.toSeconds() / halfLife.toSeconds()));
    }
}
