package io.leadjourney.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that needs the local PostgreSQL server. With {@code -Dpostgres.tests=true} (CI) it always runs and fails
 * when the server is unreachable; otherwise it is skipped, with the reason printed, when no server answers.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@Tag("postgres")
@ExtendWith(PostgresDatabase.class)
public @interface PostgresTest {
}
