-- 议事规则 may let the owners' committee decide a spending of public revenue up to an amount without a vote.
-- 0 (the default): every spending needs an owners' vote.
ALTER TABLE assembly_rules
  ADD COLUMN committee_spend_limit_fen bigint NOT NULL DEFAULT 0 CHECK (committee_spend_limit_fen >= 0);
