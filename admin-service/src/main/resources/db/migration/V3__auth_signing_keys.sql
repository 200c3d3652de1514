-- auth: the key pairs admin-service signs tokens with. Generated at the first start, so there is no shared
-- secret to configure; only the public halves are ever served (GET /v1/auth/jwks).
CREATE TABLE signing_keys (
    kid         VARCHAR(64) NOT NULL PRIMARY KEY,
    algorithm   VARCHAR(16) NOT NULL,
    public_key  TEXT        NOT NULL,
    private_key TEXT        NOT NULL,
    created_at  BIGINT      NOT NULL,
    -- Set when a key stops signing; it keeps verifying until the longest token it signed has expired.
    retired_at  BIGINT      NULL
);

CREATE INDEX ix_audit_events_username ON audit_events (username, at);
CREATE INDEX ix_audit_events_entity ON audit_events (entity_type, at);
