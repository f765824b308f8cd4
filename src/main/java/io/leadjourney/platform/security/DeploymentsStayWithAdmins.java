package io.leadjourney.platform.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camunda's default grants whoever deploys READ and DELETE on their deployment; a cascading delete removes the running
 * journeys of its processes. Deleting deployments is the administrators' (ARCHITECTURE.md, Users): a deployer gets no
 * grant of their own, their group's READ stays, and DELETE granted that way by an earlier version is taken back.
 */
class DeploymentsStayWithAdmins extends DefaultAuthorizationProvider {

    private static final Logger log = LoggerFactory.getLogger(DeploymentsStayWithAdmins.class);

    @Override
    public AuthorizationEntity[] newDeployment(Deployment deployment) {
        return null;
    }

    static void revokeDeployersDelete(AuthorizationService authorizations, IdentityService identity) {
        for (Authorization grant : authorizations.createAuthorizationQuery().resourceType(Resources.DEPLOYMENT).list()) {
            String user = grant.getUserId();
            if (user == null || !grant.isPermissionGranted(Permissions.DELETE)
                || identity.createGroupQuery().groupMember(user).groupId(Groups.ADMIN).count() > 0) {
                continue;
            }
            grant.removePermission(Permissions.DELETE);
            authorizations.saveAuthorization(grant);
            log.warn("Took back DELETE on deployment '{}' from '{}': deleting deployments is the administrators'", grant.getResourceId(), user);
        }
    }
}
