package io.leadjourney.platform.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine grants the creator of a resource, where Camunda's defaults are not ours.
 * <ul>
 * <li>Deployments: Camunda grants whoever deploys READ and DELETE on their deployment, and a cascading delete removes the
 * running journeys of its processes. Deleting deployments is the administrators' (ARCHITECTURE.md, Users): a deployer
 * gets no grant of their own, their group's READ stays, and DELETE granted that way by an earlier version is taken
 * back.</li>
 * <li>Filters: Camunda grants everything on a filter to whoever the request names as its owner, and nothing when it
 * names none (as Tasklist's filter dialog does). A Tasklist user's filter is theirs alone: a filter saved without an
 * owner becomes its creator's, and the creator gets everything on it only when they are its owner (nobody can put a
 * filter into a colleague's Tasklist).</li>
 * </ul>
 */
class ResourceGrants extends DefaultAuthorizationProvider {

    private static final Logger log = LoggerFactory.getLogger(ResourceGrants.class);

    @Override
    public AuthorizationEntity[] newDeployment(Deployment deployment) {
        return null;
    }

    @Override
    public AuthorizationEntity[] newFilter(Filter filter) {
        String creator = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
        if (creator != null && filter.getOwner() == null) {
            filter.setOwner(creator); // Tasklist's filter dialog names no owner: the filter is still its creator's
        }
        if (creator == null || !creator.equals(filter.getOwner())) {
            return null;
        }
        return super.newFilter(filter);
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
