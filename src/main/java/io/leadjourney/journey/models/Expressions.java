package io.leadjourney.journey.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.leadjourney.platform.engine.ExpressionPolicy;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNode;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * What a JUEL expression in a deployed model may do. Deploying a model must not be running Java: an expression may
 * read variables (and their values' properties), name one of the service's own beans (a delegate or listener, never
 * call it), call a few value methods (a decision result's entries, string and collection basics) and the engine's
 * date and user functions. Anything else — {@code execution}, {@code getClass()}, a computed member — is refused.
 */
public final class Expressions {

    /** Variables the engine provides in some places (a business rule task's output mapping, multi-instance). */
    static final Set<String> BUILT_INS = Set.of("decisionResult", "loopCounter", "nrOfInstances", "nrOfActiveInstances",
        "nrOfCompletedInstances");
    /** Functions of Camunda's expression manager. */
    static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");
    static final String OWN_PACKAGE = "io.leadjourney.";

    private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS);

    /** How a name in an expression resolves. */
    public interface Names {
        boolean isVariable(String name);

        Optional<Class<?>> bean(String name);
    }

    private Expressions() {
    }

    /** Whether a model text holds an expression at all. */
    public static boolean isExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** What is wrong with one model text (plain text with ${...} parts); empty when it may run. */
    public static List<String> problems(String text, Names names) {
        List<String> problems = new ArrayList<>();
        Node root;
        try {
            root = PARSER.build(text).getRoot();
        } catch (TreeBuilderException e) {
            problems.add("'" + text + "' is not a valid expression: " + e.getMessage());
            return problems;
        }
        visit(root, names, problems);
        return problems;
    }

    private static void visit(Node node, Names names, List<String> problems) {
        if (node instanceof AstMethod method) {
            AstProperty member = (AstProperty) method.getChild(0);
            String name = memberName(member, problems);
            AstNode prefix = member.getChild(0);
            if (name != null) {
                if (rootBean(prefix, names)) {
                    problems.add("calls '" + name + "' on a bean: models may name the service's beans (as delegates and listeners) but "
                        + "not call their methods");
                } else if (!ExpressionPolicy.METHODS.contains(name)) {
                    problems.add("calls '" + name + "()', which models may not call; allowed: " + new TreeSet<>(ExpressionPolicy.METHODS));
                }
            }
            visit(prefix, names, problems);
            visit(method.getChild(1), names, problems);
            return;
        }
        if (node instanceof AstProperty property) {
            memberName(property, problems);
            visit(property.getChild(0), names, problems);
            return;
        }
        if (node instanceof AstIdentifier identifier) {
            identifier(identifier.getName(), names, problems);
            return;
        }
        if (node instanceof AstFunction function) {
            if (!FUNCTIONS.contains(function.getName())) {
                problems.add("calls the function '" + function.getName() + "()'; allowed: " + new TreeSet<>(FUNCTIONS));
            }
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            visit(node.getChild(i), names, problems);
        }
    }

    /** The member a property or method names: a literal after '.' or in brackets, never a computed one. */
    private static String memberName(AstProperty property, List<String> problems) {
        String name = null;
        if (property instanceof AstDot dot) {
            name = dot.toString().substring(2);
        } else if (property instanceof AstBracket bracket) {
            Node key = bracket.getChild(1);
            if (key instanceof AstNumber) {
                return null;
            }
            if (key instanceof AstString string) {
                name = String.valueOf(string.eval(null, null));
            } else {
                problems.add("uses a computed member [ ... ]; write the name instead (a.b or a['b'])");
                return null;
            }
        }
        if (name != null && ExpressionPolicy.DENIED_PROPERTIES.contains(name)) {
            problems.add("reads '" + name + "', which models may not use");
        }
        return name;
    }

    private static void identifier(String name, Names names, List<String> problems) {
        if (names.isVariable(name) || BUILT_INS.contains(name)) {
            return;
        }
        Optional<Class<?>> bean = names.bean(name);
        if (bean.isPresent()) {
            if (!bean.get().getName().startsWith(OWN_PACKAGE)) {
                problems.add("names the bean '" + name + "', which is not one of the journey's own beans");
            }
            return;
        }
        problems.add("'" + name + "' is neither a variable of the journey nor one of its beans (a typo? a variable no step sets?)");
    }

    private static boolean rootBean(Node node, Names names) {
        Node current = node;
        while (current instanceof AstProperty || current instanceof AstMethod) {
            current = current.getChild(0);
        }
        return current instanceof AstIdentifier identifier && !names.isVariable(identifier.getName())
            && !BUILT_INS.contains(identifier.getName()) && names.bean(identifier.getName()).isPresent();
    }
}
