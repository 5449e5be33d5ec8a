import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export interface TemplateItem {
  code: string;
  text: string;
  maxScore: number;
  photoRequired: boolean;
  legalBasis: string;
  /** Days the company has to rectify a finding on this item. */
  days: number;
}

export type RectificationState = 'issued' | 'answered' | 'passed' | 'reopened';

export interface InspectionTables {
  inspection_templates: {
    id: string;
    name: string;
    kind: 'environment' | 'elevator' | 'fire' | 'custom';
    items: JSONColumnType<TemplateItem[], string, string>;
    active: Generated<boolean>;
    replaces: string | null;
    created_at: Generated<Date>;
  };
  inspection_plans: {
    id: string;
    name: string;
    template_id: string;
    due_on: string;
    drawn: boolean;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  inspections: {
    id: string;
    plan_id: string | null;
    template_id: string;
    estate_id: string;
    region_path: string;
    company_id: string | null;
    inspector: string;
    state: Generated<'assigned' | 'submitted'>;
    lat: number | null;
    lng: number | null;
    score: number | null;
    max_score: number | null;
    submitted_at: Date | null;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  inspection_results: { inspection_id: string; item_code: string; score: number; passed: boolean; note: string | null };
  inspection_photos: {
    id: string;
    inspection_id: string;
    item_code: string;
    mime: string;
    bytes: number;
    sha256: string;
    uploaded_by: string | null;
    created_at: Generated<Date>;
  };
  rectifications: {
    id: string;
    notice_no: string;
    inspection_id: string;
    estate_id: string;
    region_path: string;
    company_id: string | null;
    item_code: string;
    finding: string;
    legal_basis: string;
    deadline: string;
    state: Generated<RectificationState>;
    answer: string | null;
    answered_on: string | null;
    rounds: Generated<number>;
    reinspected_by: string | null;
    reinspection: string | null;
    passed_on: string | null;
    escalated_on: string | null;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  rectification_evidence: {
    id: string;
    rectification_id: string;
    round: number;
    mime: string;
    bytes: number;
    sha256: string;
    uploaded_by: string | null;
    created_at: Generated<Date>;
  };
  joint_actions: {
    id: string;
    region_path: string;
    estate_id: string | null;
    on_date: string;
    departments: ColumnType<string[], string[], string[]>;
    actions: string;
    notices: number;
    interviews: number;
    created_by: string | null;
    created_at: Generated<Date>;
  };
}

declare module '../../kernel/db.ts' {
  interface Database extends InspectionTables {}
}
