package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import io.leadjourney.support.Browser;
import io.leadjourney.support.BrowserTest;
import io.leadjourney.support.FreePort;
import io.leadjourney.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A marketing-ops person signed in to the service (the browser remembers the Basic credentials) opens a page of
 * another site, which posts a contact import with consent and a deployment to the service. Both are refused.
 */
@BrowserTest
class CrossSiteBrowserTest extends ProcessTest {

    @Test
    void aPageOfAnotherSiteCannotImportOrDeployWithTheRememberedCredentials() throws IOException {
        String email = "csrf." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String service = "http://localhost:" + port;
        // forms that submit themselves, their files set by script: what a page elsewhere can do
        String importPage = page(service + "/api/contacts/import", "file", "contacts.csv",
            "name,email,phone,company,title,industry,source\\nKorban," + email + ",,,,,\\n", "consentEmail", "true");
        String deployPage = page(service + "/engine-rest/deployment/create", "data", "evil.bpmn", "<definitions/>", "deployment-name", "evil");
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePort.find()), 0);
        for (String[] served : new String[][] {{"/import", importPage}, {"/deploy", deployPage}}) {
            evil.createContext(served[0], exchange -> {
                byte[] body = served[1].getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
        }
        evil.start();
        long deployments = engine.getRepositoryService().createDeploymentQuery().count();
        long imports = imports();
        WebDriver browser = Browser.start();
        try {
            // signed in: the browser now sends these credentials to the service by itself
            browser.get("http://marketing:demo@localhost:" + port + "/audit");
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("Find a person");

            for (String attack : new String[] {"/import", "/deploy"}) {
                browser.get("http://127.0.0.1:" + evil.getAddress().getPort() + attack);
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> driver.getCurrentUrl().startsWith(service));
                assertThat(browser.findElement(By.tagName("body")).getText()).as(attack).contains("Requests from other sites are refused");
            }
        } finally {
            browser.quit();
            evil.stop(0);
        }
        assertThat(people.findByContact(email, null)).as("no contact imported").isEmpty();
        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).as("nothing deployed").isEqualTo(deployments);
        assertThat(imports()).as("no import was even started").isEqualTo(imports);
    }

    /** An HTML page whose form posts a file and one field to {@code action} as soon as it loads. */
    static String page(String action, String fileField, String fileName, String fileContent, String field, String value) {
        return """
            <html><body>
            <form id="attack" method="post" enctype="multipart/form-data" action="%s">
              <input type="file" name="%s" id="file"><input type="hidden" name="%s" value="%s">
            </form>
            <script>
              const files = new DataTransfer();
              files.items.add(new File(["%s"], "%s", {type: "application/octet-stream"}));
              document.getElementById('file').files = files.files;
              document.getElementById('attack').submit();
            </script>
            </body></html>
            """.formatted(action, fileField, field, value, fileContent, fileName);
    }

    @Autowired
    JdbcClient jdbc;

    private long imports() {
        return jdbc.sql("select count(*) from lj_import").query(Long.class).single();
    }
}
