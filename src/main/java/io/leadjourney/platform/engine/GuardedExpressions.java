package io.leadjourney.platform.engine;

import java.beans.FeatureDescriptor;
import java.util.Iterator;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotFoundException;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Deploy rights are not Java rights, also for models deployed before the deploy-time checks existed: when an
 * expression runs, a value's method may be called only if models may call it ({@link ExpressionPolicy#METHODS}), and the
 * properties that lead to the Java runtime or the engine ({@code class}, {@code processEngineServices}, …) are not
 * read. The same rules as the deploy-time check, enforced by the engine's expression resolver.
 */
@Component
class GuardedExpressions extends AbstractProcessEnginePlugin {

    private final ApplicationContext spring;

    GuardedExpressions(ApplicationContext spring) {
        this.spring = spring;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setExpressionManager(new SpringExpressionManager(spring, configuration.getBeans()) {
            @Override
            protected ELResolver createElResolver() {
                CompositeELResolver resolver = new CompositeELResolver();
                resolver.add(new Guard());
                resolver.add(super.createElResolver());
                return resolver;
            }
        });
    }

    /** Resolves nothing itself; refuses what models may not do before the engine's resolvers are asked. */
    static final class Guard extends ELResolver {

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base != null && property != null && ExpressionPolicy.DENIED_PROPERTIES.contains(property.toString())) {
                throw new PropertyNotFoundException("Models may not read '" + property + "'");
            }
            return null;
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            if (base != null && method != null && !ExpressionPolicy.METHODS.contains(method.toString())) {
                throw new PropertyNotFoundException("Models may not call '" + method + "()' on " + base.getClass().getSimpleName());
            }
            return null;
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            if (base != null && property != null && ExpressionPolicy.DENIED_PROPERTIES.contains(property.toString())) {
                throw new PropertyNotFoundException("Models may not write '" + property + "'");
            }
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return false;
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return null;
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return null;
        }
    }
}
