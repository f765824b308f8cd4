-- round-robin position per candidate group: who got the last task
create table lj_rotation (
    group_id   varchar(64)  not null primary key,
    last_user  varchar(64),
    updated_at timestamp with time zone not null
);
