import { contextAs } from '../../kernel/auth/sessions.ts';
import type { Db } from '../../kernel/db.ts';
import { activeCompanies, estatesOfCompany } from '../registry/index.ts';
import { lastEndedQuarter } from './auto-records.ts';
import { publishPeriod, quarterEnd, saveBases } from './evaluation.ts';
import { createPlan } from './inspections.ts';
import { openDispute } from './mediation.ts';
import { addDays, decideRecord, recordCredit, today } from './records.ts';

const FIRE_CHECKLIST = '01900000-0000-7000-8000-000000000423';

/**
 * The demo's supervision: last quarter's credit evaluation published (so the public ranking has something to
 * show), a fire-safety inspection waiting for the street office's inspector, and a fees dispute at the community.
 * Adds nothing when any evaluation has been published already.
 */
export async function seedSupervisionDemo(db: Db): Promise<number> {
  if (await db.selectFrom('credit_periods').select('id').limit(1).executeTakeFirst()) return 0;
  const [city, district, street, community, company] = await Promise.all(
    ['city.admin', 'jiangnan.admin', 'wangjiang.street', 'wangjiang.community', 'company.admin'].map((u) =>
      contextAs(db, u),
    ),
  );
  if (!city || !district || !street || !community || !company) return 0;
  const period = lastEndedQuarter(today());
  const end = quarterEnd(period);
  const companies = await activeCompanies(db);
  await saveBases(
    db,
    city,
    period,
    companies.map((c, i) => ({ companyId: c.id, points: 7800 - i * 250, note: '资质、人员、项目基础信息' })),
  );
  const onDate = addDays(end, -20);
  const records = [
    { companyId: companies[0].id, item: 'honour_city', evidence: '市级物业服务示范项目（市住建局文件）' },
    { companyId: companies[companies.length - 1].id, item: 'court_liable', evidence: '（2026）民初 1024 号判决书' },
  ];
  for (const r of records) {
    const made = await recordCredit(db, city, { ...r, onDate });
    if (made.id) await decideRecord(db, district, made.id, { version: 1, approve: true });
  }
  await publishPeriod(db, city, period);

  const mine = company.actor.bindings.find((b) => b.role === 'company_admin')?.scopeId as string;
  const [estateId] = await estatesOfCompany(db, mine);
  await createPlan(db, street, {
    name: '消防安全“421”常态检查',
    templateId: FIRE_CHECKLIST,
    dueOn: addDays(today(), 14),
    estateIds: [estateId],
    inspectorIds: [street.actor.accountId as string],
  });
  await openDispute(db, community, {
    estateId,
    kind: 'fees',
    applicant: '3 栋业主 王女士',
    respondent: '物业服务企业',
    claims: '电梯停运两周期间的物业费应予减免',
  });
  return 1;
}
