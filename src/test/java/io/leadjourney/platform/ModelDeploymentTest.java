package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.leadjourney.support.IntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Versioning of the models deployed from bpmn/ and dmn/ on disk. Each test uses its own deployment name and process ids. */
class ModelDeploymentTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;

    @TempDir
    Path nodeA;
    @TempDir
    Path nodeB;

    String deploymentName;
    String first;
    String second;

    @BeforeEach
    void models() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        deploymentName = "versioning-" + suffix;
        first = "first-" + suffix;
        second = "second-" + suffix;
        write(nodeA, "bpmn/" + first + ".bpmn", process(first, "Wait"));
        write(nodeA, "bpmn/" + second + ".bpmn", process(second, "Wait"));
        write(nodeA, "bpmn/forms/" + first + ".form", "{\"id\":\"" + first + "\",\"type\":\"default\",\"components\":[]}");
    }

    @Test
    void theFirstStartDeploysEveryModelWithNamesRelativeToTheFolder() {
        var deployment = ModelDeployment.deploy(engine, nodeA, deploymentName);

        assertThat(engine.getRepositoryService().getDeploymentResources(deployment.getId())).extracting(Resource::getName)
            .containsExactlyInAnyOrder("bpmn/" + first + ".bpmn", "bpmn/" + second + ".bpmn", "bpmn/forms/" + first + ".form");
        assertThat(versions(first)).isEqualTo(1);
        assertThat(versions(second)).isEqualTo(1);
    }

    @Test
    void restartingWithoutEditsMakesNoNewVersion() {
        ModelDeployment.deploy(engine, nodeA, deploymentName);
        ModelDeployment.deploy(engine, nodeA, deploymentName);

        assertThat(versions(first)).isEqualTo(1);
        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentName(deploymentName).count()).isEqualTo(1);
    }

    @Test
    void editingOneFileMakesExactlyOneNewVersionOfThatModel() throws IOException {
        ModelDeployment.deploy(engine, nodeA, deploymentName);
        write(nodeA, "bpmn/" + first + ".bpmn", process(first, "Wait longer"));

        ModelDeployment.deploy(engine, nodeA, deploymentName);
        ModelDeployment.deploy(engine, nodeA, deploymentName);

        assertThat(versions(first)).isEqualTo(2);
        assertThat(versions(second)).isEqualTo(1);
    }

    @Test
    void twoNodesWithTheSameFilesInDifferentDirectoriesShareOneVersion() throws IOException {
        for (String name : new String[] {"bpmn/" + first + ".bpmn", "bpmn/" + second + ".bpmn", "bpmn/forms/" + first + ".form"}) {
            write(nodeB, name, Files.readString(nodeA.resolve(name)));
        }
        ModelDeployment.deploy(engine, nodeA, deploymentName);
        ModelDeployment.deploy(engine, nodeB, deploymentName);

        assertThat(versions(first)).isEqualTo(1);
        assertThat(versions(second)).isEqualTo(1);
    }

    @Test
    void aModelThatDoesNotParseIsNamedWithItsProblem() throws IOException {
        write(nodeA, "bpmn/" + second + ".bpmn", process(second, "Wait").replace("<bpmn:startEvent id=\"StartEvent_Started\"",
            "<bpmn:startEvent id=\"StartEvent_Started\"><bpmn:outgoing>Flow_Nowhere</bpmn:outgoing></bpmn:startEvent><bpmn:sequenceFlow id=\"Flow_Nowhere\" sourceRef=\"StartEvent_Started\" targetRef=\"Missing_Task\"/><bpmn:startEvent id=\"StartEvent_Other\""));

        assertThatThrownBy(() -> ModelDeployment.deploy(engine, nodeA, deploymentName))
            .isInstanceOf(InvalidModelException.class)
            .hasMessageContaining("bpmn/" + second + ".bpmn")
            .hasMessageContaining("Missing_Task");
        assertThat(versions(first)).as("nothing of a failed deployment is kept").isZero();
    }

    @Test
    void aDecisionTableThatDoesNotParseIsNamed() throws IOException {
        write(nodeA, "dmn/broken-" + first + ".dmn", "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"d\" "
            + "namespace=\"x\"><decision id=\"broken\" name=\"b\"><decisionTable id=\"t\"><input id=\"i\"><inputExpression id=\"e\" "
            + "typeRef=\"string\"><text>x</text></inputExpression></input></decisionTable></decision></definitions>");

        assertThatThrownBy(() -> ModelDeployment.deploy(engine, nodeA, deploymentName))
            .isInstanceOf(InvalidModelException.class)
            .hasMessageContaining("dmn/broken-" + first + ".dmn");
    }

    private long versions(String processKey) {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(processKey).list().stream()
            .map(ProcessDefinition::getVersion).count();
    }

    private static void write(Path root, String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String process(String id, String timerName) {
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                id="Definitions_%1$s" targetNamespace="https://leadjourney.io/test">
              <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="StartEvent_Started" name="%2$s"/>
              </bpmn:process>
            </bpmn:definitions>
            """.formatted(id, timerName);
    }
}
