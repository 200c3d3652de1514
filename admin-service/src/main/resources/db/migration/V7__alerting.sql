-- Alerting (io.cronhive.admin.alert): channels, rules, incidents, the delivery outbox and the evaluator's cursor.
-- Instants are Unix milliseconds like everywhere else.

CREATE TABLE alert_channels (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    name         VARCHAR(128)  NOT NULL,
    -- webhook | email
    type         VARCHAR(16)   NOT NULL,
    url          VARCHAR(2048) NULL,
    -- The webhook's HMAC key. Needed in clear to sign; the API never answers it after creation.
    secret       VARCHAR(255)  NULL,
    -- Comma-separated addresses of an email channel.
    recipients   VARCHAR(2048) NULL,
    enabled      BOOLEAN       NOT NULL DEFAULT TRUE,
    -- Rate limit: alerts beyond this many in the last hour are recorded as suppressed, not sent.
    max_per_hour INT           NOT NULL DEFAULT 30,
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL,
    version      BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT uk_alert_channels_name UNIQUE (name)
);

CREATE TABLE alert_rules (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(128) NOT NULL,
    -- run_failed | consecutive_failures | missed_fire | late_trigger | long_run | group_unhealthy
    kind       VARCHAR(32)  NOT NULL,
    -- NULL: every job (or, for group_unhealthy, every group). A rule goes with the job or group it watches.
    job_id     BIGINT       NULL,
    group_id   BIGINT       NULL,
    -- Failures in a row (consecutive_failures) or milliseconds (late_trigger, long_run).
    threshold  BIGINT       NULL,
    enabled    BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL,
    version    BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uk_alert_rules_name UNIQUE (name),
    CONSTRAINT fk_alert_rules_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_alert_rules_group FOREIGN KEY (group_id) REFERENCES worker_groups (id) ON DELETE CASCADE
);

CREATE TABLE alert_rule_channels (
    rule_id    BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    PRIMARY KEY (rule_id, channel_id),
    CONSTRAINT fk_arc_rule FOREIGN KEY (rule_id) REFERENCES alert_rules (id) ON DELETE CASCADE,
    CONSTRAINT fk_arc_channel FOREIGN KEY (channel_id) REFERENCES alert_channels (id) ON DELETE CASCADE
);

-- One row per incident: opened by a rule for a subject (a job or a worker group), resolved by the all-clear.
-- Kept after its rule is deleted, as history.
CREATE TABLE alert_incidents (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    rule_id      BIGINT        NOT NULL,
    rule_name    VARCHAR(128)  NOT NULL,
    kind         VARCHAR(32)   NOT NULL,
    -- 'job:42' or 'group:7'
    subject_key  VARCHAR(64)   NOT NULL,
    subject_name VARCHAR(255)  NOT NULL,
    -- '<rule>/<subject>' while open, NULL once resolved: the database itself keeps one open incident per pair.
    open_key     VARCHAR(96)   NULL,
    opened_at    BIGINT        NOT NULL,
    resolved_at  BIGINT        NULL,
    summary      VARCHAR(1024) NOT NULL,
    resolution   VARCHAR(1024) NULL,
    -- Occurrences folded into the incident (runs that failed again while it was open), and the latest run.
    occurrences  INT           NOT NULL DEFAULT 1,
    last_run_id  BIGINT        NULL,
    CONSTRAINT uk_alert_incidents_open UNIQUE (open_key)
);
CREATE INDEX ix_alert_incidents_opened ON alert_incidents (opened_at);
CREATE INDEX ix_alert_incidents_rule ON alert_incidents (rule_id, opened_at);

-- Failures in a row per rule and job, for consecutive_failures.
CREATE TABLE alert_streaks (
    rule_id     BIGINT      NOT NULL,
    subject_key VARCHAR(64) NOT NULL,
    failures    INT         NOT NULL,
    PRIMARY KEY (rule_id, subject_key)
);

-- The outbox: written in the evaluator's transaction with the incident change it announces, sent afterwards.
CREATE TABLE alert_deliveries (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    incident_id     BIGINT        NULL,
    channel_id      BIGINT        NOT NULL,
    channel_name    VARCHAR(128)  NOT NULL,
    -- firing | resolved | test
    event           VARCHAR(16)   NOT NULL,
    payload         MEDIUMTEXT    NOT NULL,
    -- pending -> sending -> sent | failed; suppressed by the channel's rate limit
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at BIGINT        NOT NULL,
    -- A sender holds a delivery until then; past it, a crashed sender's delivery is taken up again.
    locked_until    BIGINT        NULL,
    last_error      VARCHAR(1024) NULL,
    created_at      BIGINT        NOT NULL,
    sent_at         BIGINT        NULL,
    CONSTRAINT fk_alert_deliveries_channel FOREIGN KEY (channel_id) REFERENCES alert_channels (id) ON DELETE CASCADE
);
CREATE INDEX ix_alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
CREATE INDEX ix_alert_deliveries_channel ON alert_deliveries (channel_id, created_at);
CREATE INDEX ix_alert_deliveries_incident ON alert_deliveries (incident_id);

CREATE TABLE alert_delivery_attempts (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    delivery_id BIGINT        NOT NULL,
    at          BIGINT        NOT NULL,
    ok          BOOLEAN       NOT NULL,
    detail      VARCHAR(1024) NULL,
    duration_ms BIGINT        NOT NULL,
    CONSTRAINT fk_alert_attempts_delivery FOREIGN KEY (delivery_id) REFERENCES alert_deliveries (id) ON DELETE CASCADE
);
CREATE INDEX ix_alert_attempts_delivery ON alert_delivery_attempts (delivery_id);

-- One row, locked by the replica that evaluates (SELECT ... FOR UPDATE), holding how far run_logs was read:
-- every run id up to run_cursor was seen, finished or put in alert_pending_runs. NULL: start from the newest run.
CREATE TABLE alert_evaluator (
    id           INT    NOT NULL PRIMARY KEY,
    run_cursor   BIGINT NULL,
    evaluated_at BIGINT NULL
);
INSERT INTO alert_evaluator (id, run_cursor, evaluated_at) VALUES (1, NULL, NULL);

-- Runs read while still unfinished: looked at again until they finish (and, while they run, for long_run).
CREATE TABLE alert_pending_runs (
    run_id BIGINT NOT NULL PRIMARY KEY
);
