package io.leadjourney.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every operation the service maps in Spring MVC (not /engine-rest, which is Jersey), read from Spring's own table. */
public final class MappedEndpoints {

    /** One method on one path pattern; {@code consumes} is the first media type it declares, or null. */
    public record Endpoint(String method, String pattern, HandlerMethod handler, String consumes) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private MappedEndpoints() {
    }

    public static List<Endpoint> of(RequestMappingHandlerMapping mappings) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            String consumes = entry.getKey().getConsumesCondition().getConsumableMediaTypes().stream().map(Object::toString).findFirst().orElse(null);
            for (String pattern : entry.getKey().getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(method.name(), pattern, entry.getValue(), consumes));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::toString));
        return endpoints;
    }
}
