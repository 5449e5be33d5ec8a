-- Inspections (the "421" checks of environment upkeep, elevator safety and fire safety, and the city's own),
-- their plans, the inspector's findings with photos and location, the rectification notices (整改通知书) they raise,
-- the company's answers, re-inspection, and joint enforcement actions (联合执法).

CREATE TABLE inspection_templates (
  id          uuid PRIMARY KEY,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('environment', 'elevator', 'fire', 'custom')),
  -- [{code, text, maxScore, photoRequired, legalBasis, days}]: days to rectify a finding on that item
  items       jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array' AND jsonb_array_length(items) > 0),
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inspection_plans (
  id            uuid PRIMARY KEY,
  name          text NOT NULL,
  template_id   uuid NOT NULL REFERENCES inspection_templates(id),
  due_on        date NOT NULL,
  drawn         boolean NOT NULL,               -- estates drawn at random (双随机) rather than named
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inspections (
  id            uuid PRIMARY KEY,
  plan_id       uuid REFERENCES inspection_plans(id),
  template_id   uuid NOT NULL REFERENCES inspection_templates(id),
  estate_id     uuid NOT NULL,
  region_path   text NOT NULL,
  company_id    uuid,                           -- the estate's company when inspected
  inspector     uuid NOT NULL,
  state         text NOT NULL DEFAULT 'assigned' CHECK (state IN ('assigned', 'submitted')),
  lat           double precision,
  lng           double precision,
  score         integer,
  max_score     integer,
  submitted_at  timestamptz,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspections_inspector ON inspections (inspector, state);
CREATE INDEX inspections_region ON inspections (region_path text_pattern_ops);

CREATE TABLE inspection_results (
  inspection_id  uuid NOT NULL REFERENCES inspections(id),
  item_code      text NOT NULL,
  score          integer NOT NULL CHECK (score >= 0),
  passed         boolean NOT NULL,
  note           text,
  PRIMARY KEY (inspection_id, item_code)
);

CREATE TABLE inspection_photos (
  id             uuid PRIMARY KEY,
  inspection_id  uuid NOT NULL REFERENCES inspections(id),
  item_code      text NOT NULL,
  mime           text NOT NULL,
  bytes          integer NOT NULL,
  sha256         text NOT NULL,
  uploaded_by    uuid,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_photos_inspection ON inspection_photos (inspection_id, item_code);

CREATE SEQUENCE rectification_no;
CREATE TABLE rectifications (
  id               uuid PRIMARY KEY,
  notice_no        text NOT NULL UNIQUE,
  inspection_id    uuid NOT NULL REFERENCES inspections(id),
  estate_id        uuid NOT NULL,
  region_path      text NOT NULL,
  company_id       uuid,
  item_code        text NOT NULL,
  finding          text NOT NULL,
  legal_basis      text NOT NULL,
  deadline         date NOT NULL,
  state            text NOT NULL DEFAULT 'issued' CHECK (state IN ('issued', 'answered', 'passed', 'reopened')),
  answer           text,
  answered_on      date,
  rounds           integer NOT NULL DEFAULT 1,
  reinspected_by   uuid,
  reinspection     text,
  passed_on        date,
  escalated_on     date,                       -- overdue: raised to the street and recorded against the company
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rectifications_region ON rectifications (region_path text_pattern_ops);
CREATE INDEX rectifications_open ON rectifications (deadline) WHERE state IN ('issued', 'reopened') AND escalated_on IS NULL;

CREATE TABLE joint_actions (
  id           uuid PRIMARY KEY,
  region_path  text NOT NULL,
  estate_id    uuid,
  on_date      date NOT NULL,
  departments  text[] NOT NULL CHECK (cardinality(departments) > 0),
  actions      text NOT NULL,
  notices      integer NOT NULL DEFAULT 0 CHECK (notices >= 0),     -- notices issued
  interviews   integer NOT NULL DEFAULT 0 CHECK (interviews >= 0),  -- 约谈
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- The "421" checks (Nantong): the city edits or adds its own.
INSERT INTO inspection_templates (id, name, kind, items) VALUES
('01900000-0000-7000-8000-000000000421', '环境卫生日常检查', 'environment', '[
  {"code":"env_clean","text":"公共区域清扫保洁到位，无积存垃圾","maxScore":30,"photoRequired":true,"legalBasis":"《物业管理条例》第三十五条；物业服务合同约定的保洁标准","days":3},
  {"code":"env_waste","text":"生活垃圾分类投放点设置规范、及时清运","maxScore":40,"photoRequired":true,"legalBasis":"《生活垃圾分类管理条例》","days":3},
  {"code":"env_green","text":"绿化养护正常，无黄土裸露、枯死苗木","maxScore":30,"photoRequired":false,"legalBasis":"物业服务合同约定的绿化养护标准","days":15}]'),
('01900000-0000-7000-8000-000000000422', '电梯安全检查', 'elevator', '[
  {"code":"elv_cert","text":"电梯使用标志在有效期内并公示","maxScore":30,"photoRequired":true,"legalBasis":"《特种设备安全法》第三十三条","days":7},
  {"code":"elv_maint","text":"维保记录完整，半月维保按时开展","maxScore":40,"photoRequired":true,"legalBasis":"《电梯维护保养规则》TSG T5002","days":7},
  {"code":"elv_alarm","text":"轿厢紧急报警装置有效","maxScore":30,"photoRequired":false,"legalBasis":"《特种设备安全法》第四十二条","days":3}]'),
('01900000-0000-7000-8000-000000000423', '消防安全检查', 'fire', '[
  {"code":"fire_exit","text":"疏散通道、安全出口畅通，无占用堵塞","maxScore":40,"photoRequired":true,"legalBasis":"《消防法》第二十八条","days":3},
  {"code":"fire_equip","text":"消火栓、灭火器完好有效","maxScore":30,"photoRequired":true,"legalBasis":"《消防法》第十六条","days":7},
  {"code":"fire_lane","text":"消防车通道畅通，无车辆占用","maxScore":30,"photoRequired":true,"legalBasis":"《消防法》第二十八条","days":3}]');
