-- The owners' assembly takes the maintenance fund over from the housing authority: the account it now sits in,
-- the serving committee that acts for the assembly, and who recorded the handover.
ALTER TABLE fund_custody
  ADD COLUMN account        text,
  ADD COLUMN committee_id   uuid,
  ADD COLUMN transferred_by uuid,
  ADD CONSTRAINT fund_custody_assembly_complete
    CHECK (custodian = 'authority' OR (account IS NOT NULL AND resolution IS NOT NULL AND transferred_at IS NOT NULL));
