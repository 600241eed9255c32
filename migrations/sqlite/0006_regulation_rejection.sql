-- KSF-3.11: the works council's refusal of consent, with its reference and
-- reason, kept on the regulation version it refused.
ALTER TABLE regulations ADD COLUMN works_council_rejected_at BIGINT;
ALTER TABLE regulations ADD COLUMN works_council_rejection_reference TEXT NOT NULL DEFAULT '';
ALTER TABLE regulations ADD COLUMN works_council_rejection_reason TEXT NOT NULL DEFAULT '';
