-- one run per new version of lead-journey or opportunity: running journeys of older versions move to it
-- (journey.migration.JourneyMigrations); the unique target makes sure a version is planned once, whatever the nodes
create table lj_migration (
    id                varchar(36)   not null primary key,
    process_key       varchar(255)  not null,
    to_definition_id  varchar(64)   not null,
    to_version        integer       not null,
    from_versions     varchar(1000) not null,
    deployment_id     varchar(64),
    deployed_by       varchar(255),
    opted_out         boolean       not null,
    plan_problems     varchar(8000),
    started_at        timestamp with time zone not null,
    finished_at       timestamp with time zone,
    constraint uq_migration_target unique (to_definition_id)
);

-- each journey (process instance) of a run: PENDING until moved (MIGRATED), refused (FAILED, with the reason), ended
-- before its turn (GONE), or handed to a newer run (SUPERSEDED)
create table lj_migration_instance (
    migration_id        varchar(36)  not null references lj_migration (id),
    process_instance_id varchar(64)  not null,
    business_key        varchar(255),
    from_definition_id  varchar(64)  not null,
    status              varchar(12)  not null,
    detail              varchar(2000),
    updated_at          timestamp with time zone not null,
    primary key (migration_id, process_instance_id)
);
create index ix_migration_instance_pending on lj_migration_instance (status, migration_id);
create index ix_migration_instance_process on lj_migration_instance (process_instance_id);
