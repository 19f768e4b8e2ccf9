-- Pipelines submitted through the API (every submission is a new revision) and API tokens.
CREATE TABLE pipelines (
    tenant        VARCHAR(128) NOT NULL,
    name          VARCHAR(128) NOT NULL,
    revision      INT          NOT NULL,
    file_name     VARCHAR(256) NOT NULL,
    spec_text     TEXT         NOT NULL,
    submitted_by  VARCHAR(128) NOT NULL,
    submitted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, name, revision)
);

-- Only a SHA-256 of each token's secret is kept; the secret is shown once, when the token is created.
CREATE TABLE api_tokens (
    token_id     VARCHAR(32)  PRIMARY KEY,
    secret_hash  VARCHAR(64)  NOT NULL,
    tenant       VARCHAR(128) NOT NULL,
    role         VARCHAR(32)  NOT NULL,
    name         VARCHAR(128) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_tokens_by_tenant ON api_tokens (tenant);
