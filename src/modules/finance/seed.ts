import { contextAs } from '../../kernel/auth/sessions.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db.ts';
import { estatePlace, estatesOfCompany, findOwnerByPhone, votingUnits } from '../registry/index.ts';
import { DEMO_RESIDENT_PHONE } from '../registry/seed/demo.ts';
import { billEstate } from './bill-run.ts';
import { createFeeItem, saveCap } from './fees.ts';
import { recordDeposit, saveFundRate } from './fund.ts';
import { quotePrice } from './prices.ts';
import { recordIncome } from './public-revenue.ts';

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
  const estates = (await Promise.all((await estatesOfCompany(db, companyId)).map((id) => estatePlace(db, id))))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((e) => ({ id: e.id, service_grade: e.serviceGrade }));
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
  if (first) await seedFundAndRevenue(db, first.id, [280, 230, 180, 130, 90][first.service_grade - 1], period);
  return estates.length;
}

/**
 * The first estate's other money: the maintenance fund deposited for the demo resident's building, two public
 * incomes this month, and the company's quote for a new service fee awaiting the owners' counter-offer.
 */
async function seedFundAndRevenue(db: Db, estateId: string, capFen: number, period: (back: number) => string) {
  const [city, company] = await Promise.all([contextAs(db, 'city.admin'), contextAs(db, 'company.admin')]);
  if (!city || !company) return;
  await saveFundRate(db, city, 'residence', 5000, 0); // 50 元 per m² of building area
  const resident = await findOwnerByPhone(db, DEMO_RESIDENT_PHONE);
  const units = await votingUnits(db, estateId);
  const home = units.find((u) => u.personId === resident?.personId);
  const building = units.filter((u) => u.buildingId === (home ?? units[0])?.buildingId);
  for (const [i, u] of building.entries())
    await recordDeposit(db, city, {
      unitId: u.unitId,
      kind: 'initial',
      voucher: `JZ${String(i + 1).padStart(5, '0')}`,
    });
  const day = `${period(0)}-01`;
  await recordIncome(db, company, {
    estateId,
    source: 'parking',
    description: '地面临时停车费',
    grossFen: 1_286_000,
    costFen: 192_900,
    evidence: `停车收费系统月报 ${period(0)}`,
    receivedOn: day,
  });
  await recordIncome(db, company, {
    estateId,
    source: 'advertising',
    description: '电梯轿厢广告位租金',
    grossFen: 360_000,
    costFen: 36_000,
    evidence: '广告合同 GG-2026-007',
    receivedOn: day,
  });
  await quotePrice(db, company, estateId, {
    quoteFen: capFen - 10, // above today's fee (the cap less 0.20), within the cap
    note: '秩序维护 12 人、保洁 8 人，最低工资标准上调后人工成本上涨约 8%',
  });
}
