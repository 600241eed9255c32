-- fairqm catalogue, version 3: local accounts, sessions, login throttling and
-- API tokens for `fairqm serve` (AVG-32 security of processing).
--
-- No secret is stored in a form that can be used: passwords as Argon2id
-- strings (memory-hard), session and API tokens as BLAKE2b-256 hashes (hex)
-- of the value the client holds. The CSRF token is not a credential on its
-- own (it is useless without the session cookie) and is kept as issued.

CREATE TABLE accounts (
  id                  TEXT PRIMARY KEY,
  username            TEXT NOT NULL,  -- as entered at creation
  username_key        TEXT NOT NULL,  -- lower-case: names are case-insensitive
  display_name        TEXT NOT NULL,
  role                TEXT NOT NULL,
  employee_id         TEXT NOT NULL DEFAULT '',
  client_id           TEXT NOT NULL DEFAULT '',
  lang                TEXT NOT NULL DEFAULT 'nl',
  password_hash       TEXT NOT NULL DEFAULT '',  -- '' = no password (token-only)
  disabled            INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  created_at          BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL
);
-- Login: the account with this user name (case-insensitive, unique).
CREATE UNIQUE INDEX accounts_by_username ON accounts (username_key);
-- One account per employee, so an actor maps back to one account.
CREATE UNIQUE INDEX accounts_by_employee ON accounts (employee_id) WHERE employee_id <> '';

-- Browser sessions. Looked up on every request by the hash of the token.
CREATE TABLE sessions (
  token_hash     TEXT PRIMARY KEY,
  id             TEXT NOT NULL,
  account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token     TEXT NOT NULL,
  remote_address TEXT NOT NULL DEFAULT '',
  created_at     BIGINT NOT NULL,
  last_seen_at   BIGINT NOT NULL
);
-- Password change or disabling ends the account's sessions.
CREATE INDEX sessions_by_account ON sessions (account_id);
-- Pruning of expired sessions (idle, or past their lifetime).
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
CREATE INDEX sessions_by_created ON sessions (created_at);

-- Failed logins of the last window, for throttling by user name and by
-- remote address. Rows older than the window are pruned.
CREATE TABLE login_failures (
  id             TEXT PRIMARY KEY,
  username_key   TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  at             BIGINT NOT NULL
);
CREATE INDEX login_failures_by_username ON login_failures (username_key, at);
CREATE INDEX login_failures_by_address ON login_failures (remote_address, at);
CREATE INDEX login_failures_by_time ON login_failures (at);

-- API tokens for systems (capture sources, integrations); scopes a JSON array.
CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  token_hash   TEXT NOT NULL,
  account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  label        TEXT NOT NULL,
  scopes       TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  expires_at   BIGINT,
  revoked_at   BIGINT,
  last_used_at BIGINT
);
-- Every API request: the token with this hash.
CREATE UNIQUE INDEX api_tokens_by_hash ON api_tokens (token_hash);
-- Listing an account's tokens.
CREATE INDEX api_tokens_by_account ON api_tokens (account_id, created_at);
