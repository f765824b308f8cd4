package io.leadjourney.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.leadjourney.intake.SignalRequest;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.support.Browser;
import io.leadjourney.support.BrowserTest;
import io.leadjourney.support.ProcessTest;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The follow-up form as a salesperson sees it in Camunda Tasklist (headless Chromium); the screenshot goes to docs/. */
@BrowserTest
class TasklistBrowserTest extends ProcessTest {

    @Test
    void aSalespersonOpensTheFollowUpFormWithTheLeadsContextAndTheQualificationFields() {
        // the browser shows times relative to the real clock: start the engine on it too
        ClockUtil.reset();
        String email = newEmail("browser");
        String personId = intake.receive(Caller.intake("test"), new SignalRequest("demo_requested", email, "0812-3456-7890",
            "Rina Wijaya", "PT Sumber Rejeki", "Direktur Operasional", "retail", "website", "id", null,
            new SignalRequest.ConsentStatement(true, true, "web-form-v3"), null, null), null).personId();
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(personId).singleResult();
        String assignee = task.getAssignee();
        String password = passwordOf(assignee);

        WebDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task.getId());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=password]")));
            browser.findElement(By.cssSelector("input[name=username], input#username, input[type=text]")).sendKeys(assignee);
            browser.findElement(By.cssSelector("input[type=password]")).sendKeys(password);
            browser.findElement(By.cssSelector("button[type=submit]")).click();

            try {
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Berhasil dihubungi / Reached the person"));
            } catch (TimeoutException e) {
                throw new AssertionError("Tasklist showed instead (assignee " + assignee + "):\n" + browser.findElement(By.tagName("body")).getText(), e);
            }
            String page = browser.findElement(By.tagName("body")).getText();
            assertThat(page).contains("Rina Wijaya").contains("PT Sumber Rejeki").contains("+6281234567890")
                .contains("Tahap / Stage: SQL").contains("demo_requested")
                .contains("Kebutuhan / Need").contains("Anggaran / Budget").contains("Otoritas / Authority")
                .contains("Waktu pembelian / Timeline").contains("Catatan percakapan / Conversation notes");
            List<WebElement> whatsapp = browser.findElements(By.cssSelector("a[href='https://wa.me/6281234567890']"));
            assertThat(whatsapp).as("click-to-WhatsApp link").isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("input[type=checkbox]"))).hasSizeGreaterThanOrEqualTo(4);
            Browser.screenshot(browser, "tasklist-follow-up");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aSalespersonSavesAFilterOfTheirOwnInTasklist() {
        String ana = throwawayUser(Groups.SALES);
        String name = "Ana's follow-ups " + UUID.randomUUID().toString().substring(0, 6);
        WebDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=password]")));
            browser.findElement(By.cssSelector("input[name=username], input#username, input[type=text]")).sendKeys(ana);
            browser.findElement(By.cssSelector("input[type=password]")).sendKeys(passwordOf(ana));
            browser.findElement(By.cssSelector("button[type=submit]")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.task-filters"), TasklistFilters.MY_TASKS));
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("section.task-filters header button"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[name=filterName]"))).sendKeys(name);
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".modal-footer button.btn-primary[type=submit]"))).click();

            try {
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.task-filters"), name));
            } catch (TimeoutException e) {
                throw new AssertionError("Tasklist showed instead:\n" + browser.findElement(By.tagName("body")).getText(), e);
            }
        } finally {
            browser.quit();
        }
        Filter saved = engine.getFilterService().createFilterQuery().filterName(name).singleResult();
        assertThat(saved.getOwner()).isEqualTo(ana);
        assertThat(http().as("manager", "demo").get("/engine-rest/filter/" + saved.getId()).statusCode()).as("a colleague's").isEqualTo(403);
    }
}
