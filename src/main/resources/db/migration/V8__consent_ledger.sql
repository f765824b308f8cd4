-- The consent ledger: how each statement came (ARCHITECTURE.md, "Trust"). Rows written before this version are
-- classified by the source the service gave them.
alter table lj_consent add column via varchar(20);
update lj_consent set via = case
    when source = 'unsubscribe link' then 'UNSUBSCRIBE'
    when source like 'import %' then 'IMPORT'
    else 'SIGNAL' end;
alter table lj_consent alter column via set not null;
