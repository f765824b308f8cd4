package io.leadjourney.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ScoresTest {

    @Test
    void aScoreHalvesEveryHalfLife() {
        assertThat(Scores.decayed(100, Duration.ofDays(30), Duration.ofDays(30))).isEqualTo(50);
        assertThat(Scores.decayed(100, Duration.ofDays(60), Duration.ofDays(30))).isEqualTo(25);
        assertThat(Scores.decayed(100, Duration.ofDays(15), Duration.ofDays(30))).isEqualTo(71);
        assertThat(Scores.decayed(140, Duration.ofHours(1), Duration.ofDays(30))).isEqualTo(140);
    }

    @Test
    void noHalfLifeOrNoTimeKeepsTheScore() {
        assertThat(Scores.decayed(100, Duration.ofDays(300), Duration.ZERO)).isEqualTo(100);
        assertThat(Scores.decayed(100, Duration.ZERO, Duration.ofDays(30))).isEqualTo(100);
        assertThat(Scores.decayed(100, Duration.ofDays(-3), Duration.ofDays(30))).isEqualTo(100);
        assertThat(Scores.decayed(-10, Duration.ofDays(30), Duration.ofDays(30))).isEqualTo(-10);
    }
}
