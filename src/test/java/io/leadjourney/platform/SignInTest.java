package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.leadjourney.platform.security.Groups;
import io.leadjourney.support.Http;
import io.leadjourney.support.IntegrationTest;
import io.leadjourney.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sign-in policy (docs/operations.md, "Sign-in"): wrong passwords make the guessing address wait, never lock the
 * account. Each test is its own client address (X-Forwarded-For, honoured from the loopback proxy) and its own users.
 */
class SignInTest extends IntegrationTest {

    private static final String REST = "/engine-rest/process-definition";

    @Autowired
    JdbcClient jdbc;

    private Http from(String address) {
        return http().with("X-Forwarded-For", address);
    }

    @Test
    void aWrongPasswordDoesNotLockTheAccount() {
        String user = throwawayUser(Groups.MARKETING_OPS);
        assertThat(from("203.0.113.10").as(user, "wrong").get(REST).statusCode()).isEqualTo(401);
        assertThat(from("203.0.113.10").as(user, THROWAWAY_PASSWORD).get(REST).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from ACT_ID_USER where ID_ = ? and (ATTEMPTS_ > 0 or LOCK_EXP_TIME_ is not null)")
            .param(user).query(Integer.class).single()).as("Camunda's per-user lock is not used").isZero();
    }

    @Test
    void anAddressThatGuessesWaitsWhileTheSalespersonSignsInFromTheirOwn() {
        String salesperson = throwawayUser(Groups.SALES);
        Http attacker = from("203.0.113.20");
        for (int attempt = 1; attempt <= 6; attempt++) {
            assertThat(attacker.as(salesperson, "guess-" + attempt).get(REST).statusCode()).as("attempt " + attempt).isEqualTo(401);
        }
        HttpResponse<String> refused = attacker.as(salesperson, THROWAWAY_PASSWORD).get(REST);
        assertThat(refused.statusCode()).as("the guessing address waits, even with the right password").isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));

        assertThat(from("198.51.100.7").as(salesperson, THROWAWAY_PASSWORD).get(REST).statusCode()).as("the salesperson's own address")
            .isEqualTo(200);

        // each further wrong password doubles the wait: 1 s, 2 s, 4 s ...
        TestClock.set(TestClock.now().plusSeconds(1));
        assertThat(attacker.as(salesperson, "guess-7").get(REST).statusCode()).isEqualTo(401);
        assertThat(attacker.as(salesperson, "guess-8").get(REST).headers().firstValue("Retry-After")).hasValue("2");
        TestClock.set(TestClock.now().plus(Duration.ofSeconds(2)));
        assertThat(attacker.as(salesperson, THROWAWAY_PASSWORD).get(REST).statusCode()).as("after the wait").isEqualTo(200);
        assertThat(attacker.as(salesperson, "wrong-again").get(REST).statusCode()).as("a correct password cleared the count")
            .isEqualTo(401);
    }

    @Test
    void sprayingManyUsersFromOneAddressMakesThatAddressWait() {
        Http sprayer = from("203.0.113.30");
        for (int attempt = 1; attempt <= 31; attempt++) {
            assertThat(sprayer.as(throwawayUser(), "Password-" + attempt).get(REST).statusCode()).isEqualTo(401);
        }
        String fresh = throwawayUser(Groups.MARKETING_OPS);
        assertThat(sprayer.as(fresh, THROWAWAY_PASSWORD).get(REST).statusCode()).isEqualTo(429);
        assertThat(from("203.0.113.31").as(fresh, THROWAWAY_PASSWORD).get(REST).statusCode()).isEqualTo(200);
    }

    @Test
    void theWebappLoginAndTheProjectsApiCountTheSameWay() {
        String salesperson = throwawayUser(Groups.SALES);
        Http attacker = from("203.0.113.40");
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(login(attacker, salesperson, "guess-" + attempt).statusCode()).isEqualTo(401);
            assertThat(attacker.as(salesperson, "guess-" + attempt).get("/api/people?email=x@example.com").statusCode()).isEqualTo(401);
        }
        assertThat(login(attacker, salesperson, THROWAWAY_PASSWORD).statusCode()).isEqualTo(429);
        assertThat(attacker.as(salesperson, THROWAWAY_PASSWORD).get("/api/people?email=x@example.com").statusCode()).isEqualTo(429);
        assertThat(login(from("198.51.100.8"), salesperson, THROWAWAY_PASSWORD).statusCode()).as("Tasklist login from the office")
            .isEqualTo(200);
    }

    /** Tasklist's login form, as the browser sends it: with the session and CSRF token the login page handed out. */
    private static HttpResponse<String> login(Http client, String user, String password) {
        HttpResponse<String> page = client.get("/camunda/app/tasklist/default/");
        List<String> cookies = page.headers().allValues("Set-Cookie").stream().map(cookie -> cookie.split(";", 2)[0]).toList();
        String token = cookies.stream().filter(cookie -> cookie.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow().substring(11);
        return client.with("Cookie", String.join("; ", cookies)).with("X-XSRF-TOKEN", token)
            .postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
    }
}
