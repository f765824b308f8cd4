package io.leadjourney.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that drives the system's headless Chromium. With {@code -Dbrowser.tests=true} (CI) it always runs and
 * fails when Chromium is missing; otherwise it is skipped, with the reason printed, when Chromium is not installed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@Tag("browser")
@ExtendWith(Browser.class)
public @interface BrowserTest {
}
