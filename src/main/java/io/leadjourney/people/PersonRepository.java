package io.leadjourney.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The lj_person table. Runs inside the caller's transaction (the same one as the engine's). */
@Repository
public class PersonRepository {

    private static final String COLUMNS = "id, email, phone, name, company, title, industry, source, language, time_zone, "
        + "stage, score, grade, unsubscribe_token, marketing_stopped_at, created_at, updated_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    PersonRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Person> findById(PersonId id) {
        return jdbc.sql("select " + COLUMNS + " from lj_person where id = ?").param(id.value()).query(PersonRepository::map).optional();
    }

    public Optional<Person> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from lj_person where email = ?").param(email).query(PersonRepository::map).optional();
    }

    /** People whose name, company, email or phone contains the text (its own % and _ literal), last changed first. */
    public List<Person> search(String text, int max) {
        String like = "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("select " + COLUMNS + " from lj_person where lower(name) like ? escape '\\' or lower(company) like ? escape '\\' "
                + "or email like ? escape '\\' or phone like ? escape '\\' order by updated_at desc fetch first " + max + " rows only")
            .params(like, like, like, like).query(PersonRepository::map).list();
    }

    /**
     * Up to {@code max} people registered while their journey could not start, oldest first, locked for this transaction;
     * other nodes skip them.
     */
    public List<Person> lockPendingJourneys(int max) {
        return jdbc.sql("select " + COLUMNS + " from lj_person where journey_pending = true order by created_at "
                + "fetch first " + max + " rows only for update skip locked")
            .query(PersonRepository::map).list();
    }

    public void journeyStarted(PersonId id) {
        jdbc.sql("update lj_person set journey_pending = false where id = ?").param(id.value()).update();
    }

    public Optional<Person> findByPhone(String phone) {
        return jdbc.sql("select " + COLUMNS + " from lj_person where phone = ?").param(phone).query(PersonRepository::map).optional();
    }

    public Optional<Person> findByUnsubscribeToken(String token) {
        return jdbc.sql("select " + COLUMNS + " from lj_person where unsubscribe_token = ?").param(token)
            .query(PersonRepository::map).optional();
    }

    /** Locks the row until the transaction ends, so that concurrent updates of one person are serialised. */
    public Optional<Person> lock(PersonId id) {
        return jdbc.sql("select " + COLUMNS + " from lj_person where id = ? for update").param(id.value())
            .query(PersonRepository::map).optional();
    }

    /** Inserts a new person; {@code journeyPending} queues them for PendingJourneys (imports). */
    public void insert(Person p, boolean journeyPending) {
        jdbc.sql("insert into lj_person (" + COLUMNS + ", journey_pending) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(p.id().value(), p.email(), p.phone(), p.name(), p.company(), p.title(), p.industry(), p.source(),
                p.language(), p.timeZone(), p.stage().name(), p.score(), p.grade(), p.unsubscribeToken(),
                p.marketingStoppedAt(), p.createdAt(), p.updatedAt(), journeyPending)
            .update();
    }

    /** Writes the contact fields (after a merge decided by the caller). */
    public void updateProfile(Person p) {
        jdbc.sql("update lj_person set email = ?, phone = ?, name = ?, company = ?, title = ?, industry = ?, source = ?, "
                + "language = ?, time_zone = ?, updated_at = ? where id = ?")
            .params(p.email(), p.phone(), p.name(), p.company(), p.title(), p.industry(), p.source(), p.language(),
                p.timeZone(), now(), p.id().value())
            .update();
    }

    public void updateStage(PersonId id, Stage stage) {
        jdbc.sql("update lj_person set stage = ?, updated_at = ? where id = ?").params(stage.name(), now(), id.value()).update();
    }

    /** Decays the stored score to now (halving every {@code halfLife}; zero: no decay), adds points, returns the new score. */
    /** The half-life the score-decay table last gave a person, and what it was decided on (table version and inputs). */
    public record DecidedHalfLife(Duration halfLife, String basis) {
    }

    public Optional<DecidedHalfLife> decidedHalfLife(PersonId id) {
        return jdbc.sql("select score_half_life, score_half_life_basis from lj_person where id = ? and score_half_life is not null")
            .param(id.value())
            .query((rs, row) -> new DecidedHalfLife(Duration.parse(rs.getString(1)), rs.getString(2))).optional();
    }

    public int addScore(PersonId id, int points, Duration halfLife) {
        return addScore(id, points, new DecidedHalfLife(halfLife, null));
    }

    /** Adds points to the score decayed by the half-life; a half-life with its basis is remembered for the next signal. */
    public int addScore(PersonId id, int points, DecidedHalfLife halfLife) {
        OffsetDateTime now = now();
        int decayed = jdbc.sql("select score, score_at from lj_person where id = ?").param(id.value()).query((rs, row) -> {
            OffsetDateTime scoredAt = rs.getObject("score_at", OffsetDateTime.class);
            return Scores.decayed(rs.getInt("score"), scoredAt == null ? Duration.ZERO : Duration.between(scoredAt, now),
                halfLife.halfLife());
        }).single();
        int next = decayed + points;
        if (halfLife.basis() == null) {
            jdbc.sql("update lj_person set score = ?, score_at = ?, updated_at = ? where id = ?").params(next, now, now, id.value()).update();
        } else {
            jdbc.sql("update lj_person set score = ?, score_at = ?, score_half_life = ?, score_half_life_basis = ?, updated_at = ? where id = ?")
                .params(next, now, halfLife.halfLife().toString(), halfLife.basis(), now, id.value()).update();
        }
        return next;
    }

    public void updateGrade(PersonId id, String grade) {
        jdbc.sql("update lj_person set grade = ?, updated_at = ? where id = ?").params(grade, now(), id.value()).update();
    }

    /** Records the first stop of marketing; later stops keep the first time. */
    public void stopMarketing(PersonId id, OffsetDateTime at) {
        jdbc.sql("update lj_person set marketing_stopped_at = coalesce(marketing_stopped_at, ?), updated_at = ? where id = ?")
            .params(at, now(), id.value()).update();
    }

    public void resumeMarketing(PersonId id) {
        jdbc.sql("update lj_person set marketing_stopped_at = null, updated_at = ? where id = ?").params(now(), id.value()).update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static Person map(ResultSet rs, int row) throws SQLException {
        return new Person(
            PersonId.of(rs.getString("id")),
            rs.getString("email"),
            rs.getString("phone"),
            rs.getString("name"),
            rs.getString("company"),
            rs.getString("title"),
            rs.getString("industry"),
            rs.getString("source"),
            rs.getString("language"),
            rs.getString("time_zone"),
            Stage.valueOf(rs.getString("stage")),
            rs.getInt("score"),
            rs.getString("grade"),
            rs.getString("unsubscribe_token"),
            rs.getObject("marketing_stopped_at", OffsetDateTime.class),
            rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class));
    }
}
