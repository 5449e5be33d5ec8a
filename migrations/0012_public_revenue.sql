-- 公共收益: income from the owners' common parts (parking, advertising, venue rental …) kept in its own account,
-- spent only with the owners' approval and after a 公示 period, disclosed every quarter, and in part moved into the
-- maintenance fund each year.

CREATE TABLE public_revenue_settings (
  estate_id       uuid PRIMARY KEY,
  -- 共管账户: the community co-signs every payment out of the account
  co_managed      boolean NOT NULL DEFAULT false,
  publicity_days  integer NOT NULL DEFAULT 7 CHECK (publicity_days BETWEEN 1 AND 90),
  version         integer NOT NULL DEFAULT 1
);

CREATE TABLE public_incomes (
  id           uuid PRIMARY KEY,
  estate_id    uuid NOT NULL,
  source       text NOT NULL CHECK (source IN ('parking', 'advertising', 'venue', 'other')),
  description  text NOT NULL,
  gross_fen    bigint NOT NULL CHECK (gross_fen > 0),
  cost_fen     bigint NOT NULL CHECK (cost_fen >= 0 AND cost_fen < gross_fen),   -- the company's agreed cost share
  evidence     text NOT NULL,          -- the contract, invoice or statement it rests on
  received_on  date NOT NULL,
  entry_id     uuid NOT NULL,
  recorded_by  uuid,
  UNIQUE (estate_id, evidence, received_on)
);
CREATE INDEX public_incomes_estate ON public_incomes (estate_id, received_on);

CREATE TABLE public_spendings (
  id               uuid PRIMARY KEY,
  estate_id        uuid NOT NULL,
  item             text NOT NULL,
  description      text NOT NULL,
  amount_fen       bigint NOT NULL CHECK (amount_fen > 0),
  -- the approval: an owners' vote, or a committee decision where the 议事规则 allow it
  approval_kind    text NOT NULL CHECK (approval_kind IN ('vote', 'committee')),
  matter_id        uuid,
  resolution       text,
  state            text NOT NULL DEFAULT 'publicized' CHECK (state IN ('publicized', 'paid', 'cancelled')),
  publicized_at    timestamptz NOT NULL,
  payable_from     timestamptz NOT NULL,   -- the end of the 公示: no money moves before
  cosigned_by      uuid,                   -- the community, for a co-managed account
  paid_on          date,
  entry_id         uuid,
  created_by       uuid,
  version          integer NOT NULL DEFAULT 1,
  CHECK ((approval_kind = 'vote') = (matter_id IS NOT NULL)),
  CHECK (approval_kind = 'vote' OR resolution IS NOT NULL)
);
CREATE INDEX public_spendings_estate ON public_spendings (estate_id, paid_on);
