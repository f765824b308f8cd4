-- Lean signal path: a signal is scored outside the journey. Its decision instances (engagement-scoring, lead-qualification,
-- and score-decay when that was decided again) are linked from the signal, for the person's timeline and for erasure.
alter table lj_signal add column decisions varchar(400);

-- The half-life score-decay last gave the person and what it was decided on (the table's deployed version, the stage and
-- the segment): the table is asked again only when one of them changed.
alter table lj_person add column score_half_life varchar(40);
alter table lj_person add column score_half_life_basis varchar(200);
