-- Broadcasts: one-off campaigns to a segment (broadcast.bpmn sends them in batches).
create table lj_broadcast (
    id                  varchar(36)  not null primary key,
    name                varchar(200) not null,
    channel             varchar(20)  not null,
    segment             text         not null,
    variants            text         not null,
    send_at             timestamp with time zone not null,
    status              varchar(20)  not null,
    audience            integer,
    process_instance_id varchar(64),
    created_by          varchar(100) not null,
    created_at          timestamp with time zone not null,
    finished_at         timestamp with time zone
);

-- who the segment held when the broadcast started, the variant each got, and what became of their message
create table lj_broadcast_recipient (
    broadcast_id varchar(36)  not null references lj_broadcast (id),
    person_id    varchar(36)  not null references lj_person (id),
    template     varchar(100) not null,
    status       varchar(20)  not null,
    due_at       timestamp with time zone not null,
    detail       varchar(500),
    sent_at      timestamp with time zone,
    constraint pk_broadcast_recipient primary key (broadcast_id, person_id)
);
create index ix_broadcast_recipient_due on lj_broadcast_recipient (broadcast_id, status, due_at);
