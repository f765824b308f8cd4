package io.leadjourney.journey.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.leadjourney.support.Browser;
import io.leadjourney.support.BrowserTest;
import io.leadjourney.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Marketing ops check an edited table before deploying it: the refusal the Modeler would show, then the what-if preview. */
@BrowserTest
class ModelsPageBrowserTest extends ProcessTest {

    @TempDir
    Path files;

    @Test
    void aMarketingOpsPersonSeesWhatIsWrongThenWhatALowerThresholdWouldChange() throws Exception {
        String email = newEmail("modelspage");
        for (int i = 0; i < 4; i++) {
            signal("webinar_registered", email);
            signal("content_downloaded", email);
        }
        String committed = Files.readString(Path.of("dmn/lead-qualification.dmn"));
        Path broken = Files.writeString(Files.createDirectories(files.resolve("broken")).resolve("lead-qualification.dmn"),
            committed.replace("&gt;= 120", "&gt;== thirty(").replace("&quot;demo_requested&quot;", "&quot;demo_requsted&quot;"));
        Path lower = Files.writeString(Files.createDirectories(files.resolve("lower")).resolve("lead-qualification.dmn"),
            committed.replace("&gt;= 120", "&gt;= 100"));

        WebDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get("http://marketing:demo@localhost:" + port + "/models");
            browser.findElement(By.id("file")).sendKeys(broken.toAbsolutePath().toString());
            browser.findElement(By.id("check")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refused")));
            assertThat(browser.findElement(By.id("refused")).getText()).contains("would be refused").contains("Rule_lead_qualification_4")
                .contains("is not valid FEEL").contains("'demo_requsted' is not a signal type of engagement-scoring");
            Browser.screenshot(browser, "models-check-refused");

            browser.findElement(By.id("file")).sendKeys(lower.toAbsolutePath().toString());
            browser.findElement(By.id("check")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preview")));
            assertThat(browser.findElement(By.id("passed")).getText()).contains("passes the checks");
            assertThat(Integer.parseInt(browser.findElement(By.id("changed")).getText())).isPositive();
            assertThat(browser.findElement(By.id("changes")).getText()).contains("qualifiedStage=MQL -> qualifiedStage=SQL");
            Browser.screenshot(browser, "models-check-preview");
        } finally {
            browser.quit();
        }
    }
}
