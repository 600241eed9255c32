-- fairqm catalogue, version 1 (SQLite).
--
-- Conventions shared with the PostgreSQL copy (migrations/postgres/):
-- * IDs are application-generated TEXT; nothing relies on AUTOINCREMENT.
-- * Times are BIGINT UTC milliseconds; NULL means "not (yet) happened".
-- * Booleans are INTEGER 0/1 with a CHECK; enumerations are TEXT holding the
--   names from domain/names.h.
-- * Versioned document data (form sections, answers, channel sets) is JSON
--   text; everything a query filters or groups on is a column.
-- * Child tables belong to one parent row (ON DELETE CASCADE). References
--   between entities (recording → agent, evaluation → monitor …) are not
--   foreign keys: people leave, recordings are destroyed and client users are
--   not employees, yet the history must stay readable. The service layer
--   checks those references before it writes.
-- * Index comments name the query they serve. "Live" means not destroyed
--   (destroyed_at IS NULL); partial indexes on live rows keep the retention
--   sweeps' cost proportional to what is due, not to the catalogue's size.

-- ---------------------------------------------------------------------------
-- People, teams, lines

CREATE TABLE teams (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  site          TEXT NOT NULL DEFAULT '',
  supervisor_id TEXT NOT NULL DEFAULT ''
);

CREATE TABLE employees (
  id               TEXT PRIMARY KEY,
  external_id      TEXT NOT NULL DEFAULT '',
  name             TEXT NOT NULL,
  email            TEXT NOT NULL DEFAULT '',
  function         TEXT NOT NULL,
  contract         TEXT NOT NULL,
  customer_contact INTEGER NOT NULL CHECK (customer_contact IN (0, 1)),
  team_id          TEXT NOT NULL DEFAULT '',
  protected_role   TEXT NOT NULL DEFAULT 'none',
  start_date       BIGINT NOT NULL,
  leave_date       BIGINT,
  informed_at      BIGINT
);
-- Team-scoped authorisations expand to the team's members (monitor queue,
-- "who may monitor me").
CREATE INDEX employees_by_team ON employees (team_id);
-- Leavers sweep (AVG-leavers): employees whose leave date has passed.
CREATE INDEX employees_leavers ON employees (leave_date) WHERE leave_date IS NOT NULL;

CREATE TABLE lines (
  id       TEXT PRIMARY KEY,
  number   TEXT NOT NULL,
  kind     TEXT NOT NULL,
  owner_id TEXT NOT NULL DEFAULT ''
);
-- Capture gate: which line is this number, and may it be recorded (KSF-3.9).
CREATE UNIQUE INDEX lines_by_number ON lines (number);

-- The lines an employee works on, in the employee's order.
CREATE TABLE employee_lines (
  employee_id TEXT NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
  line_id     TEXT NOT NULL,
  position    INTEGER NOT NULL,
  PRIMARY KEY (employee_id, line_id)
);
-- Capture gate: who works on this line.
CREATE INDEX employee_lines_by_line ON employee_lines (line_id);

-- ---------------------------------------------------------------------------
-- Authorisations (KSF-3.3)

CREATE TABLE authorisations (
  id                              TEXT PRIMARY KEY,
  monitor_id                      TEXT NOT NULL,
  valid_from                      BIGINT NOT NULL,
  valid_until                     BIGINT,
  confidentiality_acknowledged_at BIGINT,
  granted_by                      TEXT NOT NULL,
  granted_at                      BIGINT NOT NULL,
  ended_at                        BIGINT,
  client_id                       TEXT NOT NULL DEFAULT ''
);
-- A monitor's authorisations (monitor queue, policy facts).
CREATE INDEX authorisations_by_monitor ON authorisations (monitor_id);

CREATE TABLE authorisation_purposes (
  authorisation_id TEXT NOT NULL REFERENCES authorisations (id) ON DELETE CASCADE,
  purpose          TEXT NOT NULL,
  PRIMARY KEY (authorisation_id, purpose)
);

-- Scope: whole teams (scope_kind 'team') or named agents ('agent').
CREATE TABLE authorisation_scope (
  authorisation_id TEXT NOT NULL REFERENCES authorisations (id) ON DELETE CASCADE,
  scope_kind       TEXT NOT NULL CHECK (scope_kind IN ('team', 'agent')),
  scope_id         TEXT NOT NULL,
  PRIMARY KEY (authorisation_id, scope_kind, scope_id)
);
-- "Who may monitor me" (KSF-3.3): authorisations naming an agent or their team.
CREATE INDEX authorisation_scope_by_target ON authorisation_scope (scope_kind, scope_id);

-- ---------------------------------------------------------------------------
-- Regulation (KSF-3.1 … 3.12) and evaluation forms (KSF-4.2)

CREATE TABLE regulations (
  id                              TEXT PRIMARY KEY,
  version                         INTEGER NOT NULL,
  title                           TEXT NOT NULL,
  status                          TEXT NOT NULL,
  works_council_consent_at        BIGINT,
  works_council_consent_reference TEXT NOT NULL DEFAULT '',
  dpia_at                         BIGINT,
  dpia_reference                  TEXT NOT NULL DEFAULT '',
  assessment_protocol_reference   TEXT NOT NULL DEFAULT '',
  assessment_protocol_approved_at BIGINT,
  client_min_group_size           INTEGER NOT NULL,
  extra_moments_per_period        INTEGER NOT NULL,
  assessment_period_days          INTEGER NOT NULL,
  complaint_term_days             INTEGER NOT NULL,
  privacy_statement_url           TEXT NOT NULL DEFAULT '',
  controller_name                 TEXT NOT NULL DEFAULT '',
  contact_email                   TEXT NOT NULL DEFAULT '',
  change_legal_reason             TEXT NOT NULL DEFAULT '',
  created_at                      BIGINT NOT NULL,
  submitted_at                    BIGINT,
  activated_at                    BIGINT,
  superseded_at                   BIGINT
);
-- KSF-3.1: at most one regulation is active at a time; activating a new
-- version supersedes the old one first, in the same transaction.
CREATE UNIQUE INDEX regulations_one_active ON regulations (status) WHERE status = 'active';
-- Version history in order (KSF-3.12).
CREATE INDEX regulations_by_version ON regulations (version);

CREATE TABLE regulation_purposes (
  regulation_id                 TEXT NOT NULL REFERENCES regulations (id) ON DELETE CASCADE,
  purpose                       TEXT NOT NULL,
  position                      INTEGER NOT NULL,
  enabled                       INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  frequency_quota               INTEGER NOT NULL,
  frequency_period_days         INTEGER NOT NULL,
  recording_retention_days      INTEGER NOT NULL,
  evaluation_retention_days     INTEGER NOT NULL,
  evaluation_term_working_days  INTEGER NOT NULL,
  min_gap_days                  INTEGER NOT NULL,
  legitimate_interest           TEXT NOT NULL DEFAULT '',
  legal_ground                  TEXT NOT NULL,
  necessity_justification       TEXT NOT NULL DEFAULT '',
  proportionality_justification TEXT NOT NULL DEFAULT '',
  channels_json                 TEXT NOT NULL,
  PRIMARY KEY (regulation_id, purpose)
);

-- A form is versioned: (id, version) is one published scorecard.
CREATE TABLE evaluation_forms (
  id            TEXT NOT NULL,
  version       INTEGER NOT NULL,
  name          TEXT NOT NULL,
  purpose       TEXT NOT NULL,
  published_at  BIGINT,
  sections_json TEXT NOT NULL,
  PRIMARY KEY (id, version)
);
-- KSF-4.2: forms for a purpose published before a moment (known in advance).
CREATE INDEX evaluation_forms_by_purpose ON evaluation_forms (purpose, published_at);

-- ---------------------------------------------------------------------------
-- Contacts and recordings

CREATE TABLE contacts (
  id                            TEXT PRIMARY KEY,
  channel                       TEXT NOT NULL,
  agent_id                      TEXT NOT NULL,
  line_id                       TEXT NOT NULL DEFAULT '',
  started_at                    BIGINT NOT NULL,
  customer_ref                  TEXT NOT NULL DEFAULT '',  -- AVG-5-minimal: keyed hash
  client_id                     TEXT NOT NULL DEFAULT '',
  announced                     INTEGER NOT NULL CHECK (announced IN (0, 1)),
  customer_informed_by_contract INTEGER NOT NULL CHECK (customer_informed_by_contract IN (0, 1)),
  do_not_record                 INTEGER NOT NULL CHECK (do_not_record IN (0, 1))
);
-- AVG-15: a customer's access request by contact reference.
CREATE INDEX contacts_by_customer_ref ON contacts (customer_ref);
-- An agent's own data (AVG-15, KSF-4.8).
CREATE INDEX contacts_by_agent ON contacts (agent_id, started_at);

CREATE TABLE recordings (
  id                    TEXT PRIMARY KEY,
  contact_id            TEXT NOT NULL,
  agent_id              TEXT NOT NULL,
  purpose               TEXT NOT NULL,
  channel               TEXT NOT NULL,
  media_type            TEXT NOT NULL DEFAULT '',
  regulation_id         TEXT NOT NULL DEFAULT '',
  created_at            BIGINT NOT NULL,
  duration_ms           BIGINT NOT NULL DEFAULT 0,
  size_bytes            BIGINT NOT NULL DEFAULT 0,
  evaluate_by           BIGINT NOT NULL,
  destroy_at            BIGINT NOT NULL,
  evaluated_at          BIGINT,
  destroyed_at          BIGINT,
  destroyed_rule        TEXT NOT NULL DEFAULT '',
  extra_moment          INTEGER NOT NULL CHECK (extra_moment IN (0, 1)),
  may_contain_card_data INTEGER NOT NULL CHECK (may_contain_card_data IN (0, 1)),
  client_id             TEXT NOT NULL DEFAULT ''
);
-- KSF-3.6 capture quota (recordings of an agent for a purpose in a period)
-- and, by its prefix, an agent's own recordings (KSF-4.8, AVG-15).
CREATE INDEX recordings_quota ON recordings (agent_id, purpose, created_at, extra_moment);
-- Monitor queue by deadline (KSF-4.4) for the authorised agents, and the
-- leavers sweep (AVG-leavers): live recordings of one agent.
CREATE INDEX recordings_live_by_agent ON recordings (agent_id, evaluate_by)
  WHERE destroyed_at IS NULL;
-- Retention sweep, AVG-5-storage: live recordings past their maximum retention.
CREATE INDEX recordings_due_retention ON recordings (destroy_at) WHERE destroyed_at IS NULL;
-- Retention sweep, KSF-4.10: live recordings not evaluated within the term.
CREATE INDEX recordings_due_unevaluated ON recordings (evaluate_by)
  WHERE destroyed_at IS NULL AND evaluated_at IS NULL;
-- Retention sweep, KSF-4.9: live recordings whose evaluation is done.
CREATE INDEX recordings_due_evaluated ON recordings (evaluated_at)
  WHERE destroyed_at IS NULL AND evaluated_at IS NOT NULL;
-- Works-council report (covering): per purpose, recordings captured in a
-- period and whether they were evaluated within their term (KSF-4.4).
CREATE INDEX recordings_report ON recordings (purpose, created_at, evaluated_at, evaluate_by);
-- A contact's recordings.
CREATE INDEX recordings_by_contact ON recordings (contact_id);

-- ---------------------------------------------------------------------------
-- Evaluations (KSF-3.8, 4.x)

CREATE TABLE evaluations (
  id                     TEXT PRIMARY KEY,
  agent_id               TEXT NOT NULL,
  monitor_id             TEXT NOT NULL,
  purpose                TEXT NOT NULL,
  form_id                TEXT NOT NULL DEFAULT '',
  form_version           INTEGER NOT NULL DEFAULT 0,
  status                 TEXT NOT NULL,
  answers_json           TEXT NOT NULL,
  score                  DOUBLE PRECISION,
  summary                TEXT NOT NULL DEFAULT '',
  automated_suggestion   INTEGER NOT NULL CHECK (automated_suggestion IN (0, 1)),
  confirmed_by           TEXT NOT NULL DEFAULT '',
  agent_view             TEXT NOT NULL DEFAULT '',
  agent_view_at          BIGINT,
  created_at             BIGINT NOT NULL,
  shared_at              BIGINT,
  acknowledged_at        BIGINT,
  feedback_held_at       BIGINT,  -- NULL: no feedback meeting recorded (KSF-4.5)
  feedback_supervisor_id TEXT NOT NULL DEFAULT '',
  feedback_summary       TEXT NOT NULL DEFAULT '',
  closed_at              BIGINT,
  destroy_at             BIGINT NOT NULL,
  destroyed_at           BIGINT
);
-- An agent's own evaluations (KSF-4.8) and the last assessment moment
-- (KSF-2.1-feedback): evaluations of an agent for a purpose in time order.
CREATE INDEX evaluations_by_agent ON evaluations (agent_id, purpose, created_at);
-- A monitor's evaluations by status (drafts to finish, shared awaiting feedback).
CREATE INDEX evaluations_by_monitor ON evaluations (monitor_id, status);
-- Retention sweep (RETENTION-split): live evaluations past their retention.
CREATE INDEX evaluations_due ON evaluations (destroy_at) WHERE destroyed_at IS NULL;

-- The recordings an evaluation is based on, in order.
CREATE TABLE evaluation_recordings (
  evaluation_id TEXT NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,
  recording_id  TEXT NOT NULL,
  position      INTEGER NOT NULL,
  PRIMARY KEY (evaluation_id, recording_id)
);
-- Which evaluations used a recording (KSF-4.8, evaluated_at bookkeeping).
CREATE INDEX evaluation_recordings_by_recording ON evaluation_recordings (recording_id);

-- Notes at a moment in a recording.
CREATE TABLE evaluation_notes (
  evaluation_id TEXT NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  recording_id  TEXT NOT NULL,
  offset_ms     BIGINT NOT NULL,
  text          TEXT NOT NULL,
  author_id     TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (evaluation_id, position)
);

-- ---------------------------------------------------------------------------
-- Agent requests, consents, complaints

CREATE TABLE agent_requests (
  id                     TEXT PRIMARY KEY,
  agent_id               TEXT NOT NULL,
  kind                   TEXT NOT NULL,
  created_at             BIGINT NOT NULL,
  evaluation_id          TEXT NOT NULL DEFAULT '',
  requested_evaluator_id TEXT NOT NULL DEFAULT '',
  reason                 TEXT NOT NULL DEFAULT '',
  status                 TEXT NOT NULL,
  decided_at             BIGINT
);
-- KSF-4.7: an agent's extra-moment requests in the assessment period; an
-- agent's own requests.
CREATE INDEX agent_requests_by_agent ON agent_requests (agent_id, kind, created_at);
-- Open requests to decide.
CREATE INDEX agent_requests_open ON agent_requests (created_at) WHERE status = 'open';

CREATE TABLE consents (
  id           TEXT PRIMARY KEY,
  agent_id     TEXT NOT NULL,
  kind         TEXT NOT NULL,
  recording_id TEXT NOT NULL DEFAULT '',
  reason       TEXT NOT NULL DEFAULT '',
  hold_until   BIGINT,
  training_use TEXT NOT NULL DEFAULT '',
  requested_by TEXT NOT NULL DEFAULT '',
  given_at     BIGINT NOT NULL,
  withdrawn_at BIGINT
);
-- KSF-4.9 holds and KSF-5.1 training consents of one recording (retention
-- sweep, training use).
CREATE INDEX consents_by_recording ON consents (recording_id, kind);
-- An agent's own consents (to see and withdraw them).
CREATE INDEX consents_by_agent ON consents (agent_id);
-- Works-council report: holds active at a moment.
CREATE INDEX consents_active_holds ON consents (hold_until)
  WHERE kind = 'retention_hold' AND withdrawn_at IS NULL;

CREATE TABLE complaints (
  id                TEXT PRIMARY KEY,
  complainant_id    TEXT NOT NULL,
  subject           TEXT NOT NULL DEFAULT '',
  text              TEXT NOT NULL DEFAULT '',
  filed_at          BIGINT NOT NULL,
  respond_by        BIGINT NOT NULL,
  taken_up_at       BIGINT,
  response          TEXT NOT NULL DEFAULT '',
  resolved_at       BIGINT,
  appealed_at       BIGINT,
  appeal_decision   TEXT NOT NULL DEFAULT '',
  appeal_decided_at BIGINT
);
-- Works-council report (KSF-3.10) and the complaints list in time order.
CREATE INDEX complaints_by_filed ON complaints (filed_at);
-- A complainant's own complaints.
CREATE INDEX complaints_by_complainant ON complaints (complainant_id);

-- ---------------------------------------------------------------------------
-- Clients (chapter 6)

CREATE TABLE client_contracts (
  id                 TEXT PRIMARY KEY,
  client_id          TEXT NOT NULL,
  client_name        TEXT NOT NULL DEFAULT '',
  signed_at          BIGINT NOT NULL,
  valid_until        BIGINT,
  purpose            TEXT NOT NULL,
  individual_level   INTEGER NOT NULL CHECK (individual_level IN (0, 1)),
  document_sha256    TEXT NOT NULL DEFAULT '',
  legal_ground       TEXT NOT NULL,
  agents_informed_at BIGINT
);
-- A client's contracts (KSF-6.2 checks).
CREATE INDEX client_contracts_by_client ON client_contracts (client_id);

CREATE TABLE client_contract_teams (
  contract_id TEXT NOT NULL REFERENCES client_contracts (id) ON DELETE CASCADE,
  team_id     TEXT NOT NULL,
  PRIMARY KEY (contract_id, team_id)
);

-- ---------------------------------------------------------------------------
-- Data-subject requests (AVG-12) and live listening (KSF-6.4, TRANSPARENCY-live)

CREATE TABLE data_subject_requests (
  id                TEXT PRIMARY KEY,
  subject_kind      TEXT NOT NULL,
  subject_ref       TEXT NOT NULL,
  kind              TEXT NOT NULL,
  received_at       BIGINT NOT NULL,
  due_at            BIGINT NOT NULL,
  extension_told_at BIGINT,
  answered_at       BIGINT,
  notes             TEXT NOT NULL DEFAULT ''
);
-- AVG-12: the privacy officer's open requests by deadline.
CREATE INDEX data_subject_requests_open ON data_subject_requests (due_at)
  WHERE answered_at IS NULL;

CREATE TABLE live_listen_sessions (
  id            TEXT PRIMARY KEY,
  listener_id   TEXT NOT NULL,
  listener_role TEXT NOT NULL,
  agent_id      TEXT NOT NULL,
  contact_id    TEXT NOT NULL DEFAULT '',
  purpose       TEXT NOT NULL,
  started_at    BIGINT NOT NULL,
  ended_at      BIGINT
);
-- KSF-6.4 / TRANSPARENCY-live: who listened (or listens now) to an agent.
CREATE INDEX live_listen_by_agent ON live_listen_sessions (agent_id, started_at);

-- ---------------------------------------------------------------------------
-- DELETION-log and capture refusals: facts about what happened, no content.

-- One row per destroyed item: what kind, which id, when, under which rule.
-- The key makes a re-run of an interrupted sweep harmless.
CREATE TABLE deletion_log (
  subject_kind TEXT NOT NULL,  -- 'recording', 'evaluation', …
  subject_id   TEXT NOT NULL,
  purpose      TEXT NOT NULL DEFAULT '',
  rule         TEXT NOT NULL,
  destroyed_at BIGINT NOT NULL,
  PRIMARY KEY (subject_kind, subject_id)
);
-- Works-council report (covering): destructions per purpose and rule in a
-- period. Read in (purpose, rule) order, the GROUP BY needs no sort; with
-- planner statistics (PRAGMA optimize) SQLite skip-scans to the period within
-- each group.
CREATE INDEX deletion_log_report ON deletion_log (purpose, rule, destroyed_at);
-- The DELETION-log listed by period.
CREATE INDEX deletion_log_by_time ON deletion_log (destroyed_at);

-- A contact the capture gate refused to record, and the rule: no customer
-- number, no content (AVG-5-minimal).
CREATE TABLE capture_refusals (
  id       TEXT PRIMARY KEY,
  at       BIGINT NOT NULL,
  rule     TEXT NOT NULL,
  purpose  TEXT NOT NULL DEFAULT '',
  agent_id TEXT NOT NULL DEFAULT '',
  channel  TEXT NOT NULL DEFAULT ''
);
-- Works-council report (covering): refusals per purpose and rule in a period
-- (as deletion_log_report).
CREATE INDEX capture_refusals_report ON capture_refusals (purpose, rule, at);
-- Refusals listed by period.
CREATE INDEX capture_refusals_by_time ON capture_refusals (at);

-- ---------------------------------------------------------------------------
-- Audit log (AVG-5-accountability): append-only, hash-chained (audit/).

CREATE TABLE audit_log (
  seq              INTEGER PRIMARY KEY,  -- application-assigned, contiguous from 1
  at               BIGINT NOT NULL,
  actor_id         TEXT NOT NULL,
  actor_role       TEXT NOT NULL,
  action           TEXT NOT NULL,
  subject_kind     TEXT NOT NULL,
  subject_id       TEXT NOT NULL,
  subject_agent_id TEXT NOT NULL,
  purpose          TEXT NOT NULL,
  decision         TEXT NOT NULL CHECK (decision IN ('allowed', 'refused')),
  rule             TEXT NOT NULL,
  detail           TEXT NOT NULL,
  prev_hash        TEXT NOT NULL,
  hash             TEXT NOT NULL
);
-- AVG-5-accountability SHOW: who accessed this agent's data, newest first.
CREATE INDEX audit_log_by_subject_agent ON audit_log (subject_agent_id, seq);
-- Audit search by actor.
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, seq);
-- Audit search by period.
CREATE INDEX audit_log_by_at ON audit_log (at);
-- Verifier: find the entry a moved or forged entry links to.
CREATE INDEX audit_log_by_hash ON audit_log (hash);

-- The table refuses change: an entry, once written, stays as written. Someone
-- with the file can drop these triggers; the hash chain then still shows what
-- they did (audit::Verify).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
