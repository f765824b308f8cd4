-- erasure: what remains of a person after DELETE /api/people/{id} is an anonymised record of their journey
alter table lj_person add column erased_at timestamp with time zone;

create table lj_erasure (
    person_id  varchar(36)  not null primary key,
    erased_at  timestamp with time zone not null,
    erased_by  varchar(100) not null,
    record     text         not null
);
