-- The region a run (its workspace, logs and artifacts) is kept in: the pipeline's `region` label,
-- else the conductor's MAESTRO_REGION; null when neither says. The policy's residency rules use it.
ALTER TABLE runs ADD COLUMN region VARCHAR(64);
