package io.leadjourney.support;

import java.nio.charset.StandardCharsets;

/** The smallest process the deploy-time checks accept: a start event, history time-to-live set. */
public final class TinyProcess {

    private TinyProcess() {
    }

    public static String bpmn(String processId) {
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                id="Definitions_TinyProcess" targetNamespace="https://leadjourney.io/test">
              <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="StartEvent_Started"/>
              </bpmn:process>
            </bpmn:definitions>
            """.formatted(processId);
    }

    public static byte[] bytes(String processId) {
        return bpmn(processId).getBytes(StandardCharsets.UTF_8);
    }
}
