package io.leadjourney.platform.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Lets an element template preset a step's retry cycle. Camunda 7's element templates cannot write
 * {@code camunda:failedJobRetryTimeCycle}, but they can write an extension property: a step with the property
 * {@value #NAME} (and no retry cycle of its own) retries on that cycle, e.g. {@code R5/PT10M}. Applied once the whole
 * process is parsed, after Camunda's own listener has given every asynchronous step the engine's default cycle.
 */
@Component
class RetryCycleProperty extends AbstractProcessEnginePlugin {

    static final String NAME = "retryTimeCycle";
    private static final Set<String> STEPS = Set.of("serviceTask", "sendTask");
    private static final Set<String> SCOPES = Set.of("subProcess", "transaction");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                apply(process, definition);
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private static void apply(Element scope, ProcessDefinitionEntity definition) {
        for (Element element : scope.elements()) {
            if (SCOPES.contains(element.getTagName())) {
                apply(element, definition);
            } else if (STEPS.contains(element.getTagName())) {
                String cycle = presetCycle(element);
                ActivityImpl activity = cycle == null ? null : definition.findActivity(element.attribute("id"));
                if (activity != null && activity.isAsyncBefore()) {
                    activity.getProperties().set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION, ParseUtil.parseRetryIntervals(cycle));
                }
            }
        }
    }

    private static String presetCycle(Element element) {
        Element extensions = element.element("extensionElements");
        if (extensions == null || extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "failedJobRetryTimeCycle") != null) {
            return null;
        }
        Element properties = extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
        if (properties == null) {
            return null;
        }
        for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
            String cycle = property.attribute("value");
            if (NAME.equals(property.attribute("name")) && cycle != null && !cycle.isBlank()) {
                return cycle.trim();
            }
        }
        return null;
    }
}
