-- Whether a job's target is safe to call twice. A run whose outcome is unknown (its worker died while it ran,
-- or never answered whether it took it) may have done its work: it is retried only for jobs that say so.
ALTER TABLE jobs ADD COLUMN idempotent BOOLEAN NOT NULL DEFAULT FALSE;
