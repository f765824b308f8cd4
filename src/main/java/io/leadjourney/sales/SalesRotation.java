package io.leadjourney.sales;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Round-robin assignment inside a candidate group: each new follow-up goes to the next member (by user id) after the
 * one who got the last, skipping members marked unavailable (leave, sick, full). The position per group lives in
 * lj_rotation and is taken under a row lock, so concurrent hand-offs on several nodes do not pick the same person.
 */
@Component
public class SalesRotation {

    /** Camunda user info key; "false" means the user gets no new tasks by rotation. */
    public static final String AVAILABLE = "available";

    private final IdentityService identity;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate firstRow;

    SalesRotation(IdentityService identity, JdbcClient jdbc, Clock clock,
                  PlatformTransactionManager transactions) {
        this.identity = identity;
        this.jdbc = jdbc;
        this.clock = clock;
        this.firstRow = new TransactionTemplate(transactions);
        this.firstRow.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The next available member of the group, or empty when nobody is available (the task then waits for the group). */
    public Optional<String> next(String groupId) {
        List<String> available = identity.createUserQuery().memberOfGroup(groupId).list().stream()
            .map(User::getId)
            .filter(this::isAvailable)
            .sorted(Comparator.naturalOrder())
            .toList();
        if (available.isEmpty()) {
            return Optional.empty();
        }
        if (jdbc.sql("update lj_rotation set updated_at = ? where group_id = ?").params(OffsetDateTime.now(clock), groupId).update() == 0) {
            try {
                // inside a savepoint: on PostgreSQL a failed insert would otherwise abort the whole hand-off transaction
                firstRow.executeWithoutResult(status -> jdbc.sql("insert into lj_rotation (group_id, last_user, updated_at) values (?, null, ?)")
                    .params(groupId, OffsetDateTime.now(clock)).update());
            } catch (DuplicateKeyException raced) {
                // another hand-off created the group's row at the same moment
            }
            jdbc.sql("update lj_rotation set updated_at = ? where group_id = ?").params(OffsetDateTime.now(clock), groupId).update();
        }
        String last = jdbc.sql("select last_user from lj_rotation where group_id = ?").param(groupId).query(String.class).optional().orElse(null);
        String next = available.stream().filter(user -> last == null || user.compareTo(last) > 0).findFirst().orElse(available.get(0));
        jdbc.sql("update lj_rotation set last_user = ? where group_id = ?").params(next, groupId).update();
        return Optional.of(next);
    }

    public boolean isAvailable(String userId) {
        return !"false".equals(identity.getUserInfo(userId, AVAILABLE));
    }

    public void setAvailable(String userId, boolean available) {
        identity.setUserInfo(userId, AVAILABLE, Boolean.toString(available));
    }
}
