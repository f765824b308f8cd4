package io.leadjourney.platform.security;

import java.util.List;

/** The groups of ARCHITECTURE.md "Users and rights"; ids are shared by Camunda and the project's own API. */
public final class Groups {
    public static final String ADMIN = "camunda-admin";
    public static final String MARKETING_OPS = "marketing-ops";
    public static final String SALES = "sales";
    public static final String SALES_MANAGERS = "sales-managers";
    public static final String AUDITORS = "auditors";
    /** The groups that open Tasklist (administrators see everything anyway). */
    public static final List<String> TASKLIST_USERS = List.of(MARKETING_OPS, SALES, SALES_MANAGERS, AUDITORS);

    private Groups() {
    }
}
