-- master-service bookkeeping (owned by admin-service's Flyway like every migration; written by master-service only).

-- The run whose outcome the job's last-run fields (ip, status, times, start_time, end_time, result) show, so a
-- late report of an older run never overwrites the fields of a newer one.
ALTER TABLE jobs ADD COLUMN last_run_id BIGINT NULL;

-- When the leader forwarded an operator's kill request to the worker, so it is sent once, not every poll.
ALTER TABLE run_logs ADD COLUMN kill_sent_at BIGINT NULL;

-- The leader's polls: runs in flight per job (concurrency policy) and per state (recovery, reaping).
CREATE INDEX ix_run_logs_job_state ON run_logs (job_id, state);
