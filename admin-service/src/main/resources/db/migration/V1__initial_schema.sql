-- cronhive schema, owned by admin-service. Portable between MySQL/MariaDB and H2 in MySQL mode.
-- Instants are Unix milliseconds (BIGINT) unless a column is decided by the database clock (leader lease).

CREATE TABLE users (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    BIGINT       NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uk_users_username UNIQUE (username)
);

CREATE TABLE api_tokens (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id      BIGINT      NOT NULL,
    name         VARCHAR(64) NOT NULL,
    token_hash   CHAR(64)    NOT NULL,
    created_at   BIGINT      NOT NULL,
    expires_at   BIGINT      NULL,
    last_used_at BIGINT      NULL,
    revoked      BOOLEAN     NOT NULL DEFAULT FALSE,
    CONSTRAINT uk_api_tokens_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE audit_events (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    at          BIGINT       NOT NULL,
    username    VARCHAR(64)  NOT NULL,
    action      VARCHAR(32)  NOT NULL,
    entity_type VARCHAR(32)  NOT NULL,
    entity_id   VARCHAR(64)  NULL,
    detail      TEXT         NULL
);
CREATE INDEX ix_audit_events_at ON audit_events (at);

CREATE TABLE workers (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    name           VARCHAR(128) NOT NULL,
    host           VARCHAR(64)  NULL,
    srv_name       VARCHAR(128) NOT NULL,
    tag            VARCHAR(64)  NULL,
    instance_id    VARCHAR(255) NULL,
    port           INT          NULL,
    online         BOOLEAN      NOT NULL DEFAULT FALSE,
    last_heartbeat BIGINT       NULL,
    running        INT          NOT NULL DEFAULT 0,
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL,
    version        BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uk_workers_srv_name_name UNIQUE (srv_name, name)
);

CREATE TABLE worker_groups (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(128) NOT NULL,
    status     TINYINT      NOT NULL DEFAULT 1,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL,
    version    BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uk_worker_groups_name UNIQUE (name)
);

CREATE TABLE worker_group_members (
    group_id  BIGINT NOT NULL,
    worker_id BIGINT NOT NULL,
    PRIMARY KEY (group_id, worker_id),
    CONSTRAINT fk_wgm_group FOREIGN KEY (group_id) REFERENCES worker_groups (id) ON DELETE CASCADE,
    CONSTRAINT fk_wgm_worker FOREIGN KEY (worker_id) REFERENCES workers (id) ON DELETE CASCADE
);

-- "All workers with tag X", including workers that appear later.
CREATE TABLE worker_group_tags (
    group_id BIGINT      NOT NULL,
    tag      VARCHAR(64) NOT NULL,
    PRIMARY KEY (group_id, tag),
    CONSTRAINT fk_wgt_group FOREIGN KEY (group_id) REFERENCES worker_groups (id) ON DELETE CASCADE
);

CREATE TABLE jobs (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    job_id           CHAR(36)     NOT NULL,
    name             VARCHAR(128) NOT NULL,
    group_id         BIGINT       NULL,
    tag              VARCHAR(64)  NULL,
    cron             VARCHAR(255) NOT NULL,
    time_zone        VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    type             VARCHAR(16)  NOT NULL,
    target           MEDIUMTEXT   NOT NULL,
    parameters       TEXT         NULL,
    timeout_ms       BIGINT       NOT NULL DEFAULT 0,
    retries          INT          NOT NULL DEFAULT 0,
    retry_backoff_ms BIGINT       NOT NULL DEFAULT 10000,
    routing          VARCHAR(24)  NOT NULL DEFAULT 'round_robin',
    misfire          VARCHAR(24)  NOT NULL DEFAULT 'fire_once',
    concurrency      VARCHAR(24)  NOT NULL DEFAULT 'allow',
    remark           VARCHAR(512) NULL,
    username         VARCHAR(64)  NULL,
    create_time      BIGINT       NOT NULL,
    update_time      BIGINT       NOT NULL,
    -- Last run, written by master-service only.
    ip               VARCHAR(64)  NULL,
    status           TINYINT      NOT NULL DEFAULT 3,
    times            BIGINT       NULL,
    start_time       BIGINT       NULL,
    end_time         BIGINT       NULL,
    result           TINYINT      NULL,
    version          BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uk_jobs_job_id UNIQUE (job_id),
    CONSTRAINT uk_jobs_name UNIQUE (name),
    CONSTRAINT fk_jobs_group FOREIGN KEY (group_id) REFERENCES worker_groups (id)
);
CREATE INDEX ix_jobs_tag ON jobs (tag);

-- Scheduling state, apart from the job definition so that an operator's edit and the scheduler's
-- bookkeeping never overwrite each other.
CREATE TABLE job_schedules (
    job_id       BIGINT  NOT NULL PRIMARY KEY,
    scheduled    BOOLEAN NOT NULL DEFAULT FALSE,
    -- Unix ms before which the job does not fire (delayed or timed start).
    not_before   BIGINT  NULL,
    -- Unix ms of the next slot to claim; NULL: the master computes it from max(now, not_before).
    next_fire_at BIGINT  NULL,
    -- Bumped by every start, stop or cron change, so the scheduler notices without comparing fields.
    revision     BIGINT  NOT NULL DEFAULT 0,
    updated_at   BIGINT  NOT NULL,
    CONSTRAINT fk_job_schedules_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
);
CREATE INDEX ix_job_schedules_due ON job_schedules (scheduled, next_fire_at);

CREATE TABLE run_logs (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    job_id            BIGINT        NOT NULL,
    job_uuid          CHAR(36)      NOT NULL,
    job_name          VARCHAR(128)  NOT NULL,
    worker_group_name VARCHAR(128)  NULL,
    worker_name       VARCHAR(128)  NULL,
    worker_ip         VARCHAR(64)   NULL,
    worker_instance   VARCHAR(255)  NULL,
    cron              VARCHAR(255)  NULL,
    type              VARCHAR(16)   NOT NULL,
    -- Internal lifecycle: requested (manual run awaiting the leader) | claimed -> dispatched -> finished.
    state             VARCHAR(16)   NOT NULL,
    status            TINYINT       NOT NULL,
    result            TINYINT       NULL,
    times             BIGINT        NULL,
    username          VARCHAR(64)   NULL,
    create_time       BIGINT        NOT NULL,
    scheduled_at      BIGINT        NOT NULL,
    dispatched_at     BIGINT        NULL,
    started_at        BIGINT        NULL,
    ended_at          BIGINT        NULL,
    exit_code         INT           NULL,
    attempt           INT           NOT NULL DEFAULT 1,
    epoch             BIGINT        NOT NULL,
    trigger_kind      VARCHAR(16)   NOT NULL,
    -- Unique per slot (e.g. 'cron:<job id>:<fire ms>'): the claim that makes a slot fire at most once.
    slot_key          VARCHAR(160)  NULL,
    parent_run_id     BIGINT        NULL,
    output            MEDIUMTEXT    NULL,
    output_truncated  BOOLEAN       NOT NULL DEFAULT FALSE,
    message           VARCHAR(1024) NULL,
    -- Set by an operator's kill request; the leader forwards it to the worker running the run.
    kill_requested_at BIGINT        NULL,
    CONSTRAINT uk_run_logs_slot UNIQUE (slot_key)
);
CREATE INDEX ix_run_logs_job ON run_logs (job_id, scheduled_at);
CREATE INDEX ix_run_logs_create_time ON run_logs (create_time);
CREATE INDEX ix_run_logs_state ON run_logs (state);

CREATE TABLE masters (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    instance_id    VARCHAR(128) NOT NULL,
    ip             VARCHAR(64)  NOT NULL,
    port           INT          NOT NULL,
    status         TINYINT      NOT NULL DEFAULT 2,
    started_at     BIGINT       NOT NULL,
    last_heartbeat TIMESTAMP(3) NOT NULL,
    epoch          BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uk_masters_instance UNIQUE (instance_id)
);

-- One row: who leads, under which fencing epoch, until when (database clock).
CREATE TABLE leader_lease (
    id         INT          NOT NULL PRIMARY KEY,
    holder     VARCHAR(128) NULL,
    epoch      BIGINT       NOT NULL,
    expires_at TIMESTAMP(3) NOT NULL
);
INSERT INTO leader_lease (id, holder, epoch, expires_at) VALUES (1, NULL, 0, TIMESTAMP '2000-01-01 00:00:00');
