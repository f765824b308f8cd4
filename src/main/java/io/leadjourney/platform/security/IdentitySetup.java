package io.leadjourney.platform.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the groups and their Camunda authorizations (every profile), the demo users of the local profile, and the
 * administrator of the other profiles. Idempotent: what exists is left as an administrator may have changed it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100) // the groups exist before the models that name them are deployed (ModelDeployment)
public class IdentitySetup extends AbstractProcessEnginePlugin {

    public static final String DEMO_PASSWORD = "demo";
    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);
    private static final String ANY = "*";

    private final boolean demoUsers;
    private final String adminId;
    private final String adminPassword;

    /** Takes the settings, and so checks them (ProductionReady), before the engine starts. */
    public IdentitySetup(SecuritySettings settings) {
        this.demoUsers = settings.demoUsers().enabled();
        this.adminId = settings.admin().id();
        this.adminPassword = settings.admin().password();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new ResourceGrants());
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        AuthorizationService authorizations = engine.getAuthorizationService();
        group(identity, Groups.ADMIN, "Administrators", "SYSTEM");
        group(identity, Groups.MARKETING_OPS, "Marketing ops", "WORKFLOW");
        group(identity, Groups.SALES, "Sales", "WORKFLOW");
        group(identity, Groups.SALES_MANAGERS, "Sales managers", "WORKFLOW");
        group(identity, Groups.AUDITORS, "Auditors", "WORKFLOW");
        grantRights(authorizations);
        ResourceGrants.revokeDeployersDelete(authorizations, identity);
        if (demoUsers) {
            ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
            demoUser(engine, config, "admin", "Ayu", "Admin", List.of(Groups.ADMIN));
            demoUser(engine, config, "marketing", "Maya", "Marketing", List.of(Groups.MARKETING_OPS));
            demoUser(engine, config, "sales", "Sari", "Sales", List.of(Groups.SALES));
            demoUser(engine, config, "manager", "Budi", "Manager", List.of(Groups.SALES, Groups.SALES_MANAGERS));
            demoUser(engine, config, "auditor", "Andi", "Auditor", List.of(Groups.AUDITORS));
        } else {
            administrator(identity);
        }
    }

    private void administrator(IdentityService identity) {
        if (identity.createUserQuery().userId(adminId).count() > 0) {
            return;
        }
        if (adminPassword == null || adminPassword.isBlank()) {
            throw new IllegalStateException("No administrator exists and journey.admin.password (env ADMIN_PASSWORD) is not set: "
                + "set it to create the administrator '" + adminId + "'.");
        }
        User user = identity.newUser(adminId);
        user.setFirstName("Lead Journey");
        user.setLastName("Administrator");
        user.setPassword(adminPassword);
        PasswordPolicyResult policy = identity.checkPasswordAgainstPolicy(adminPassword, user);
        if (!policy.isValid()) {
            throw new IllegalStateException("journey.admin.password (env ADMIN_PASSWORD) does not meet the password policy: "
                + policy.getViolatedRules().stream().map(rule -> rule.getPlaceholder() + " " + rule.getParameters()).toList());
        }
        identity.saveUser(user);
        identity.createMembership(adminId, Groups.ADMIN);
        log.info("Created administrator '{}'", adminId);
    }

    private static void demoUser(ProcessEngine engine, ProcessEngineConfigurationImpl config, String id, String first, String last,
                                 List<String> groups) {
        IdentityService identity = engine.getIdentityService();
        if (identity.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identity.newUser(id);
        user.setFirstName(first);
        user.setLastName(last);
        user.setEmail(id + "@leadjourney.local");
        user.setPassword(DEMO_PASSWORD);
        // Demo users keep the documented password 'demo' although the password policy is on for everyone else.
        config.getCommandExecutorTxRequired().execute(new SaveUserCmd(user, true));
        groups.forEach(group -> identity.createMembership(id, group));
        log.info("Created demo user '{}' in {} (the documented demo password)", id, groups);
    }

    private static void group(IdentityService identity, String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() > 0) {
            return;
        }
        Group group = identity.newGroup(id);
        group.setName(name);
        group.setType(type);
        identity.saveGroup(group);
    }

    private static void grantRights(AuthorizationService auth) {
        for (Resource resource : Resources.values()) {
            grant(auth, Groups.ADMIN, resource, ANY, Permissions.ALL);
        }
        marketingOps(auth);
        sales(auth);
        auditors(auth);
    }

    /** Marketing ops own the models and the journeys (deploy, start, modify, migrate), not the work of sales. */
    private static void marketingOps(AuthorizationService auth) {
        grant(auth, Groups.MARKETING_OPS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(auth, Groups.MARKETING_OPS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(auth, Groups.MARKETING_OPS, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ);
        grant(auth, Groups.MARKETING_OPS, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.CREATE_INSTANCE,
            Permissions.READ_INSTANCE, Permissions.UPDATE_INSTANCE, Permissions.MIGRATE_INSTANCE, Permissions.READ_HISTORY,
            Permissions.READ_TASK);
        grant(auth, Groups.MARKETING_OPS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY,
            Permissions.CREATE_INSTANCE);
        grant(auth, Groups.MARKETING_OPS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
        grant(auth, Groups.MARKETING_OPS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE, Permissions.READ, Permissions.UPDATE);
        grant(auth, Groups.MARKETING_OPS, Resources.BATCH, ANY, Permissions.ALL);
        grant(auth, Groups.MARKETING_OPS, Resources.TASK, ANY, Permissions.READ);
        filtersOfTheirOwn(auth, Groups.MARKETING_OPS);
        grant(auth, Groups.MARKETING_OPS, Resources.USER, ANY, Permissions.READ);
        grant(auth, Groups.MARKETING_OPS, Resources.GROUP, ANY, Permissions.READ);
    }

    /**
     * Sales see and work the tasks they are candidates for: the engine grants TASK_WORK per task from the candidate group
     * (default-user-permission-name-for-task); sales managers also reassign.
     */
    private static void sales(AuthorizationService auth) {
        for (String sales : List.of(Groups.SALES, Groups.SALES_MANAGERS)) {
            grant(auth, sales, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            filtersOfTheirOwn(auth, sales);
            grant(auth, sales, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
            grant(auth, sales, Resources.USER, ANY, Permissions.READ);
            grant(auth, sales, Resources.GROUP, ANY, Permissions.READ);
        }
        grant(auth, Groups.SALES_MANAGERS, Resources.TASK, ANY, Permissions.READ, Permissions.TASK_WORK, Permissions.TASK_ASSIGN);
    }

    /** Auditors read everything the journeys did, and change nothing. */
    private static void auditors(AuthorizationService auth) {
        grant(auth, Groups.AUDITORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(auth, Groups.AUDITORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(auth, Groups.AUDITORS, Resources.DEPLOYMENT, ANY, Permissions.READ);
        grant(auth, Groups.AUDITORS, Resources.PROCESS_DEFINITION, ANY,
            Permissions.READ, Permissions.READ_HISTORY, Permissions.READ_INSTANCE, Permissions.READ_TASK);
        grant(auth, Groups.AUDITORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(auth, Groups.AUDITORS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
        grant(auth, Groups.AUDITORS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
        grant(auth, Groups.AUDITORS, Resources.TASK, ANY, Permissions.READ);
        filtersOfTheirOwn(auth, Groups.AUDITORS);
        grant(auth, Groups.AUDITORS, Resources.USER, ANY, Permissions.READ);
        grant(auth, Groups.AUDITORS, Resources.GROUP, ANY, Permissions.READ);
    }

    /**
     * Tasklist users save filters of their own (CREATE; the creator gets everything on it, {@link ResourceGrants}); they
     * read the shipped filters through a grant per filter (sales' TasklistFilters), never a colleague's. An earlier
     * version let these groups read every filter: that READ is taken back.
     */
    private static void filtersOfTheirOwn(AuthorizationService auth, String group) {
        Authorization existing = auth.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.FILTER).resourceId(ANY).list()
            .stream().findFirst().orElse(null);
        if (existing == null) {
            grant(auth, group, Resources.FILTER, ANY, Permissions.CREATE);
        } else if (existing.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT && existing.isPermissionGranted(Permissions.READ)) {
            existing.removePermission(Permissions.READ);
            existing.addPermission(Permissions.CREATE);
            auth.saveAuthorization(existing);
            log.warn("Group '{}' no longer reads every Tasklist filter (only the shipped ones and their own) and may save filters", group);
        }
    }

    /**
     * Grants the permissions unless the group has an authorization for the resource already (an administrator may have
     * changed it). One that grants everything to a group other than the administrators is what an earlier version
     * created for marketing ops: it is narrowed to these permissions.
     */
    private static void grant(AuthorizationService auth, String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = auth.createAuthorizationQuery().groupIdIn(group).resourceType(resource).resourceId(resourceId).list().stream()
            .findFirst().orElse(null);
        if (existing != null) {
            if (!Groups.ADMIN.equals(group) && existing.isEveryPermissionGranted() && permissions.length > 0 && permissions[0] != Permissions.ALL) {
                existing.setPermissions(permissions);
                auth.saveAuthorization(existing);
                log.warn("Narrowed the authorization of group '{}' on {} '{}' from ALL to {}", group, resource.resourceName(), resourceId,
                    Arrays.toString(permissions));
            }
            return;
        }
        Authorization authorization = auth.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        auth.saveAuthorization(authorization);
    }
}
