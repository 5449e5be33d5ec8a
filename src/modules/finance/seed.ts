import { contextAs } from '../../kernel/auth/sessions.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db.ts';
import { billEstate } from './bill-run.ts';
import { createFeeItem, saveCap } from './fees.ts';

/**
 * The demo's money: the city's caps, a service fee and a parking fee in the company's estates, and last month's
 * and this month's bills for its first estate, so the resident has something to pay on first start.
 */
export async function seedFinanceDemo(db: Db): Promise<number> {
  if (await db.selectFrom('fee_items').select('id').limit(1).executeTakeFirst()) return 0;
  const [city, company] = await Promise.all([contextAs(db, 'city.admin'), contextAs(db, 'company.admin')]);
  const companyId = company?.actor.bindings.find((b) => b.role === 'company_admin')?.scopeId;
  if (!city || !company || !companyId) return 0;
  // 一级 to 五级: 2.80, 2.30, 1.80, 1.30 and 0.90 元 per m² a month
  for (const [grade, capFen] of [280, 230, 180, 130, 90].entries()) await saveCap(db, city, grade + 1, capFen, 0);
  const estates = await db
    .selectFrom('estates')
    .select(['id', 'service_grade'])
    .where('company_id', '=', companyId)
    .orderBy('code')
    .execute();
  for (const e of estates) {
    const cap = [280, 230, 180, 130, 90][e.service_grade - 1];
    await createFeeItem(db, company, e.id, {
      name: '物业服务费',
      basis: 'area_month',
      priceFen: cap - 20,
      serviceFee: true,
    });
    await createFeeItem(db, company, e.id, {
      name: '车位管理费',
      basis: 'unit_month',
      priceFen: 6000,
      uses: ['parking'],
    });
  }
  const now = new Date(clock.nowMs() + 8 * 3_600_000);
  const period = (back: number) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    return d.toISOString().slice(0, 7);
  };
  const first = estates[0];
  if (first) for (const p of [period(1), period(0)]) await billEstate(db, company, first.id, p);
  return estates.length;
}
