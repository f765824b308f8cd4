-- A WhatsApp marketing message Meta held back for its per-user marketing limit (error 131049) goes out again after
-- 24 hours: status RETRY until retry_at. It never counts as a failure, nor against the weekly cap meanwhile.
alter table lj_message add column retry_at timestamp with time zone;
create index ix_message_retry on lj_message (status, retry_at);
