package io.leadjourney.platform.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Component;

/**
 * Camunda's database identity provider with its per-user lock replaced by the {@link SignInThrottle}: every password
 * check on behalf of a request (REST, webapps' login, the project's API) is counted for the request's client address,
 * and a wrong password never locks the account itself.
 */
@Component
class ThrottledIdentityProvider extends AbstractProcessEnginePlugin {

    private final SignInThrottle throttle;

    ThrottledIdentityProvider(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return Provider.class;
            }

            @Override
            public Session openSession() {
                return new Provider(throttle);
            }
        });
    }

    static final class Provider extends DbIdentityServiceProvider {
        private final SignInThrottle throttle;

        Provider(SignInThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        public boolean checkPassword(String userId, String password) {
            boolean valid = super.checkPassword(userId, password);
            throttle.checked(SignInThrottle.currentAddress(), userId, valid);
            return valid;
        }

        @Override
        protected boolean isUserLocked(UserEntity user) {
            return false;
        }

        @Override
        protected void lockUser(UserEntity user) {
            // counted per client address by the throttle instead
        }
    }
}
