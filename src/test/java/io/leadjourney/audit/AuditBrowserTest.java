package io.leadjourney.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import io.leadjourney.journey.LeadJourneyIds;
import io.leadjourney.support.Browser;
import io.leadjourney.support.BrowserTest;
import io.leadjourney.support.ProcessTest;
import io.leadjourney.support.TestClock;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The auditors' pages in headless Chromium: search, timeline, highlighted diagrams, funnel chart; screenshots to docs/. */
@BrowserTest
class AuditBrowserTest extends ProcessTest {

    @Test
    void anAuditorSearchesReadsTheTimelineSeesThePathTakenAndTheFunnel() {
        String email = newEmail("auditbrowser");
        importedContact(email);
        String personId = people.findByContact(email, null).orElseThrow().id().value();
        ProcessInstance journey = journey(personId);
        runDueJobs(journey);
        signal("content_downloaded", email);
        signal("quote_requested", email);
        tasks.complete(taskOf(journey, LeadJourneyIds.FOLLOW_UP).getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", true,
            "timeline", "QUARTER", "notes", "Membandingkan dengan vendor lain"));
        tasks.complete(taskOf(journey, LeadJourneyIds.DISCOVERY).getId(), Map.of("outcome", "CONTINUE"));

        String base = "http://auditor:demo@localhost:" + port;
        WebDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(base + "/audit?q=" + email);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
            Browser.screenshot(browser, "audit-search");
            browser.findElement(By.cssSelector("#results a")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
            wait.until(driver -> Long.valueOf(2).equals(((JavascriptExecutor) driver).executeScript("return window.diagramsRendered")));
            assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo("OPPORTUNITY");
            String timeline = browser.findElement(By.id("timeline")).getText();
            assertThat(timeline).contains("CONTACT → LEAD").contains("LEAD → SQL").contains("quote_requested")
                .contains("lead-qualification v").contains("prospect-grade v").contains("Follow up and qualify (completed)")
                .contains("EMAIL contact-activation-1 sent");
            assertThat(browser.findElements(By.cssSelector("#diagram-0 .djs-element.visited"))).as("path taken").isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("#diagram-0 .djs-element.active"))).as("where the journey is now").isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("#diagram-1 .djs-element.active"))).as("the open opportunity task").isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("form[method=post], button[type=submit]"))).as("read-only").isEmpty();
            ((JavascriptExecutor) browser).executeScript("document.querySelectorAll('#timeline details').forEach(d => {"
                + "if (d.parentElement.textContent.includes('lead-qualification')) d.open = true; })");
            Browser.screenshot(browser, "audit-person");

            LocalDate start = START.atZone(TestClock.JAKARTA).toLocalDate();
            browser.get(base + "/insight/funnel?from=" + start.minusDays(30) + "&to=" + start);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("chart")));
            assertThat(browser.findElements(By.cssSelector("#chart rect.bar"))).hasSize(10);
            assertThat(Integer.parseInt(browser.findElement(By.id("people")).getText())).isPositive();
            Browser.screenshot(browser, "insight-funnel");
        } finally {
            browser.quit();
        }
    }
}
