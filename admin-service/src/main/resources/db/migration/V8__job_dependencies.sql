-- Job dependencies (issue 16). An edge runs from a parent job to a child job. A 'trigger' edge belongs to the
-- parent's definition (its children and when each runs: success, failure or always); a 'join' edge belongs to
-- the child's (the parents whose runs of one scheduled instant must all succeed within its join timeout). Each
-- side is replaced whole by an update of the job that owns it. One edge per pair: a job is either triggered by
-- a parent or joins on it, not both.
CREATE TABLE job_dependencies (
    parent_job_id BIGINT     NOT NULL,
    child_job_id  BIGINT     NOT NULL,
    kind          VARCHAR(8) NOT NULL,
    run_on        VARCHAR(8) NOT NULL,
    PRIMARY KEY (parent_job_id, child_job_id),
    CONSTRAINT fk_job_dependencies_parent FOREIGN KEY (parent_job_id) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_job_dependencies_child FOREIGN KEY (child_job_id) REFERENCES jobs (id) ON DELETE CASCADE
);
CREATE INDEX ix_job_dependencies_child ON job_dependencies (child_job_id);

-- How long after its instant a join waits for all its parents to succeed (ms); NULL for a job without join parents.
ALTER TABLE jobs ADD COLUMN join_timeout_ms BIGINT NULL;

-- The scheduled instant a run belongs to when it is not its own scheduled_at: a child inherits its parent's, so
-- the children of one parent run meet at a join under one instant. NULL: scheduled_at (retries: their first try's).
ALTER TABLE run_logs ADD COLUMN instant_ms BIGINT NULL;
-- Parent and child runs: the run tree, and the run log's links.
CREATE INDEX ix_run_logs_parent ON run_logs (parent_run_id);

-- One row per join instant that has heard from a parent: the row two parents finishing at once lock in turn, so
-- the second sees the first's arrival; closed once the join fired, failed or timed out.
CREATE TABLE join_waits (
    child_job_id BIGINT  NOT NULL,
    instant_ms   BIGINT  NOT NULL,
    opened_at    BIGINT  NOT NULL,
    closed       BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (child_job_id, instant_ms)
);
CREATE INDEX ix_join_waits_open ON join_waits (closed, instant_ms);

-- The parents that succeeded for a join instant, one per parent job.
CREATE TABLE join_arrivals (
    child_job_id  BIGINT NOT NULL,
    instant_ms    BIGINT NOT NULL,
    parent_job_id BIGINT NOT NULL,
    parent_run_id BIGINT NOT NULL,
    arrived_at    BIGINT NOT NULL,
    PRIMARY KEY (child_job_id, instant_ms, parent_job_id)
);
