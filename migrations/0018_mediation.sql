-- 矛盾纠纷调处台账: disputes mediated at three levels (community → street → district committee), their sessions and
-- agreements, and the docking with the courts (诉调对接: referral in batches, filing numbers, outcomes).
CREATE TABLE disputes (
  id            uuid PRIMARY KEY,
  estate_id     uuid NOT NULL,
  region_path   text NOT NULL,                    -- the estate's, copied: every list is scoped by it
  kind          text NOT NULL CHECK (kind IN ('fees', 'service', 'public_revenue', 'neighbours', 'committee_handover', 'other')),
  applicant     text NOT NULL,
  respondent    text NOT NULL,
  claims        text NOT NULL,
  level         text NOT NULL CHECK (level IN ('community', 'street', 'district')),
  state         text NOT NULL DEFAULT 'open'
                CHECK (state IN ('open', 'mediated', 'withdrawn', 'failed', 'referred', 'filed', 'court_mediated', 'judged', 'court_withdrawn')),
  agreement     text,                              -- 调解协议: what the parties agreed, when mediated
  court         text,
  case_no       text,                              -- the court's filing number (立案)
  referral_id   uuid,
  closed_on     date,
  created_by    uuid,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (state <> 'mediated' OR agreement IS NOT NULL),
  CHECK (state NOT IN ('filed', 'court_mediated', 'judged', 'court_withdrawn') OR case_no IS NOT NULL)
);
CREATE INDEX disputes_region ON disputes (region_path text_pattern_ops, created_at);

CREATE TABLE dispute_events (
  id          uuid PRIMARY KEY,
  dispute_id  uuid NOT NULL REFERENCES disputes(id),
  kind        text NOT NULL,                       -- opened, session, escalated, mediated, withdrawn, failed, referred…
  level       text NOT NULL,
  on_date     date NOT NULL,
  note        text,
  by_account  uuid,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dispute_events_dispute ON dispute_events (dispute_id, at);

CREATE TABLE court_referrals (
  id          uuid PRIMARY KEY,
  court       text NOT NULL,
  referred_on date NOT NULL,
  region_path text NOT NULL,
  created_by  uuid
);
