package io.leadjourney.journey.models;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import io.leadjourney.platform.engine.ModelProblem;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What a process model may run, read from its XML (every attribute and text, extensions included): no scripts, no
 * Java classes, delegates that name one of the journey's beans, expressions that only do what models may do.
 */
final class BpmnCode {

    static final Pattern BEAN = Pattern.compile("\\$\\{(\\w+)}");
    private static final Set<String> PROSE = Set.of("documentation", "text", "incoming", "outgoing");

    private final String resource;
    private final ModelWorld world;
    private final List<ModelProblem> problems;
    private final Expressions.Names names;

    BpmnCode(String resource, ModelWorld world, List<ModelProblem> problems) {
        this.resource = resource;
        this.world = world;
        this.problems = problems;
        this.names = new Expressions.Names() {
            @Override
            public boolean isVariable(String name) {
                return world.isVariable(name);
            }

            @Override
            public Optional<Class<?>> bean(String name) {
                return world.environment().bean(name);
            }
        };
    }

    void check(byte[] xml) {
        walk(parse(xml).getDocumentElement(), null);
    }

    /** Every attribute and text of the XML: expressions, and the constructs that would run code. */
    private void walk(Element element, String owner) {
        String id = element.getAttribute("id");
        String here = ModelChecks.BPMN.equals(element.getNamespaceURI()) && !id.isBlank() ? id : owner;
        String local = element.getLocalName();
        boolean camunda = ModelChecks.CAMUNDA.equals(element.getNamespaceURI());
        if ((camunda && ("script".equals(local) || "connector".equals(local))) || (!camunda && "scriptTask".equals(local))
            || (!camunda && "conditionExpression".equals(local) && !blank(element.getAttribute("language")))) {
            problem(here, "runs a script; models may not contain code (use a delegate of the service, or a decision table)");
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            attribute(element, (Attr) attributes.item(i), here, camunda);
        }
        boolean leaf = true;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                leaf = false;
                walk(childElement, here);
            }
        }
        if (leaf && !PROSE.contains(local) && Expressions.isExpression(element.getTextContent())) {
            expression(here, element.getTextContent().trim());
        }
    }

    private void attribute(Element element, Attr attribute, String owner, boolean camundaElement) {
        String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        boolean camundaAttribute = ModelChecks.CAMUNDA.equals(attribute.getNamespaceURI()) || (camundaElement && attribute.getNamespaceURI() == null);
        if (!camundaAttribute) {
            return;
        }
        String value = attribute.getValue();
        if ("class".equals(name)) {
            problem(owner, "names the Java class '" + value + "'; models may only name the service's beans (Delegate expression ${beanName})");
        } else if ("resource".equals(name)) {
            problem(owner, "loads a script resource; models may not contain code");
        } else if ("delegateExpression".equals(name)) {
            delegate(element, owner, value);
        } else if (Expressions.isExpression(value)) {
            expression(owner, value);
        }
    }

    private void delegate(Element element, String owner, String value) {
        Matcher bean = BEAN.matcher(value.trim());
        if (!bean.matches()) {
            problem(owner, "delegate expression '" + value + "' must name one bean: ${beanName}");
            return;
        }
        Class<?> wanted = "taskListener".equals(element.getLocalName()) ? TaskListener.class
            : "executionListener".equals(element.getLocalName()) ? ExecutionListener.class : JavaDelegate.class;
        Optional<Class<?>> type = world.environment().bean(bean.group(1));
        if (type.isEmpty()) {
            problem(owner, "names the bean '" + bean.group(1) + "', which the service does not have (a typo? the element templates list "
                + "the ones there are)");
        } else if (!wanted.isAssignableFrom(type.get()) || !type.get().getName().startsWith(Expressions.OWN_PACKAGE)) {
            problem(owner, "names the bean '" + bean.group(1) + "', which is not a " + wanted.getSimpleName() + " of the journey");
        }
    }

    private void expression(String owner, String text) {
        Expressions.problems(text, names).forEach(problem -> problem(owner, "expression " + text + ": " + problem));
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private void problem(String elementId, String message) {
        problems.add(new ModelProblem(resource, elementId, message));
    }
}
