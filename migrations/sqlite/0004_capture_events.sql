-- fairqm catalogue, version 4: capture events — what a capture source reports
-- while a contact is being captured.
--
--   pause / resume   PCI-pause (card data being given) and HOLD-silence (the
--                    customer on hold): the spans nothing was captured, so the
--                    player can show them.
--   do_not_record    AVG-21: the customer objected during the contact; the
--                    ticket is cancelled and anything stored is destroyed.
--
-- Keyed by the capture ticket, whose id is also the recording's id. No
-- customer data (AVG-5-minimal): the note is the source's operational remark.
CREATE TABLE capture_events (
  id          TEXT PRIMARY KEY,
  ticket_id   TEXT NOT NULL,
  seq         BIGINT NOT NULL,
  kind        TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  at          BIGINT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  source_id   TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  -- One order per ticket: two events can never claim the same place.
  UNIQUE (ticket_id, seq)
);
