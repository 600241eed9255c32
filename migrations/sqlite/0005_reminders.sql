-- fairqm catalogue, version 5: deadline reminders (service/reminders.h).

-- One reminder per deadline: the unique key (kind, subject_id, due_at) is
-- what makes the scheduled run idempotent — a second run, or a second server
-- node, inserts nothing and so sends nothing (ARCHITECTURE: sweeps never
-- notify twice). A moved deadline (an AVG-12 extension) is a new key, so it
-- gets its own reminder. No personal data beyond ids: the texts name the
-- subject by id and the deadline only.
CREATE TABLE reminders (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  subject_id  TEXT NOT NULL,
  due_at      BIGINT NOT NULL,
  rule        TEXT NOT NULL,
  agent_id    TEXT NOT NULL DEFAULT '',
  purpose     TEXT NOT NULL DEFAULT '',
  sent_at     BIGINT NOT NULL,
  text_nl     TEXT NOT NULL,
  text_en     TEXT NOT NULL
);
CREATE UNIQUE INDEX reminders_once ON reminders (kind, subject_id, due_at);

-- Who a reminder went to (monitors, privacy officers, managers).
CREATE TABLE reminder_recipients (
  reminder_id  TEXT NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
  recipient_id TEXT NOT NULL,
  PRIMARY KEY (reminder_id, recipient_id)
);
-- ListReminders: a person's own reminders, newest first.
CREATE INDEX reminder_recipients_by_recipient ON reminder_recipients (recipient_id);

-- RunReminders: draft evaluations (KSF-4.4, KSF-3.8) and complaints not yet
-- taken up (KSF-3.10) — both few, so the runs read only them.
CREATE INDEX evaluations_drafts ON evaluations (created_at)
  WHERE status = 'draft' AND destroyed_at IS NULL;
CREATE INDEX complaints_open ON complaints (respond_by) WHERE taken_up_at IS NULL;
