-- 信用评价 and 检查整改, continued: records about a project manager (项目负责人) as well as the company, the managers'
-- results, the rules that turn a quarter's work-order figures into records, and estates' star ratings (星级评定)
-- where the city uses them; the company's evidence photos for a rectification; checklists edited as new versions.

ALTER TABLE credit_records ADD COLUMN staff_id uuid;   -- a project manager (registry staff), checked in code
CREATE INDEX credit_records_staff ON credit_records (staff_id, on_date) WHERE staff_id IS NOT NULL;
CREATE INDEX credit_records_pending ON credit_records (created_at) WHERE state = 'pending';

ALTER TABLE credit_settings
  ADD COLUMN workorder_rules jsonb,                          -- credit.ts WorkorderRules; null: the default
  ADD COLUMN star_ratings boolean NOT NULL DEFAULT false;    -- does the city rate estates with stars?

-- A scheme the city already saved gets the new automatic items, so records from other modules have an item to name.
UPDATE credit_settings SET scheme = jsonb_set(scheme, '{items}', (scheme->'items') || (
  SELECT coalesce(jsonb_agg(i), '[]'::jsonb) FROM jsonb_array_elements('[
    {"code": "inspection_finding", "points": -50, "kind": "bad"},
    {"code": "workorder_on_time_low", "points": -200, "kind": "bad"},
    {"code": "workorder_satisfaction_low", "points": -200, "kind": "bad"},
    {"code": "workorder_excellent", "points": 100, "kind": "good"}
  ]'::jsonb) i
  WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(scheme->'items') s WHERE s->>'code' = i->>'code')));

CREATE TABLE manager_results (
  period      text NOT NULL REFERENCES credit_periods(id),
  staff_id    uuid NOT NULL,
  company_id  uuid NOT NULL,
  good        integer NOT NULL,
  bad         integer NOT NULL,
  total       integer NOT NULL,
  grade       text NOT NULL,
  failed      boolean NOT NULL,
  PRIMARY KEY (period, staff_id)
);

CREATE TABLE estate_stars (
  id           uuid PRIMARY KEY,
  estate_id    uuid NOT NULL,
  stars        smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  awarded_on   date NOT NULL,
  valid_until  date NOT NULL CHECK (valid_until >= awarded_on),
  basis        text NOT NULL,
  awarded_by   uuid,
  revoked_on   date,
  revoked_reason text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((revoked_on IS NULL) = (revoked_reason IS NULL))
);
CREATE INDEX estate_stars_estate ON estate_stars (estate_id, awarded_on);

-- 整改佐证: the company's photos for a rectification notice, each for the round it answers.
CREATE TABLE rectification_evidence (
  id                uuid PRIMARY KEY,
  rectification_id  uuid NOT NULL REFERENCES rectifications(id),
  round             integer NOT NULL,
  mime              text NOT NULL,
  bytes             integer NOT NULL,
  sha256            text NOT NULL,
  uploaded_by       uuid,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rectification_evidence_notice ON rectification_evidence (rectification_id, created_at);

-- A checklist in use is never changed: an edit is saved as a new template that names the one it replaces.
ALTER TABLE inspection_templates ADD COLUMN replaces uuid REFERENCES inspection_templates(id);
