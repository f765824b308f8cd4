-- the last sign of life of a running import: one whose node stopped is marked FAILED by ContactImports.failInterrupted
alter table lj_import add column heartbeat_at timestamp with time zone;
update lj_import set heartbeat_at = coalesce(finished_at, started_at);
