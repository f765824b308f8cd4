-- contact imports (CSV) with their progress and per-line errors
create table lj_import (
    id               varchar(36)  not null primary key,
    status           varchar(20)  not null,
    file_name        varchar(255),
    source           varchar(100),
    requested_by     varchar(100) not null,
    consent_email    boolean,
    consent_whatsapp boolean,
    consent_wording  varchar(100),
    total            integer      not null,
    processed        integer      not null default 0,
    created          integer      not null default 0,
    merged           integer      not null default 0,
    rejected         integer      not null default 0,
    failure          varchar(1000),
    started_at       timestamp with time zone not null,
    finished_at      timestamp with time zone
);

create table lj_import_error (
    import_id varchar(36)  not null references lj_import (id),
    line      bigint       not null,
    message   varchar(500) not null,
    constraint pk_import_error primary key (import_id, line)
);

-- people registered without a journey yet (imports); PendingJourneys starts their journeys in the background
alter table lj_person add column journey_pending boolean default false not null;
create index ix_person_journey_pending on lj_person (journey_pending);
