package io.leadjourney.platform.security;

/** The groups of ARCHITECTURE.md "Users and rights"; ids are shared by Camunda and the project's own API. */
public final class Groups {
    public static final String ADMIN = "camunda-admin";
    public static final String MARKETING_OPS = "marketing-ops";
    public static final String SALES = "sales";
    public static final String SALES_MANAGERS = "sales-managers";
    public static final String AUDITORS = "auditors";

    private Groups() {
    }
}
