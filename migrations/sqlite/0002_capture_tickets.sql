-- fairqm catalogue, version 2: HR-number look-up and capture tickets.

-- Capture gate and HR import: the employee with this HR number.
CREATE INDEX employees_by_external_id ON employees (external_id);

-- The capture gate's "record this contact", redeemed once by the upload of
-- its content. Counts against the quota while outstanding (KSF-3.6); fixes
-- the purpose (KSF-1.2). No customer data: the contact row holds only the
-- keyed reference (AVG-5-minimal).
CREATE TABLE capture_tickets (
  id                   TEXT PRIMARY KEY,
  contact_id           TEXT NOT NULL,
  agent_id             TEXT NOT NULL,
  purpose              TEXT NOT NULL,
  channel              TEXT NOT NULL,
  extra_moment_request TEXT NOT NULL DEFAULT '',
  issued_at            BIGINT NOT NULL,
  expires_at           BIGINT NOT NULL,
  redeemed_at          BIGINT
);
-- Capture gate quota: outstanding tickets of an agent for a purpose.
CREATE INDEX capture_tickets_quota ON capture_tickets (agent_id, purpose, issued_at);
