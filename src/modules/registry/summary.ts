import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { estateVisible } from './scope.ts';

/**
 * The home page's figures over every estate the caller may see, counted by the database: estates, buildings, units,
 * companies and floor area (0.01 m²), and the estates by management mode and by service grade.
 */
export async function estateSummary(db: Executor, ctx: RequestContext) {
  const visible = estateVisible(ctx.actor);
  const ids = db.selectFrom('estates').select('estates.id').where(visible);
  const count = (table: 'buildings' | 'units') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('estate_id', 'in', ids)
      .executeTakeFirstOrThrow();
  const [totals, buildings, units, byMode, byGrade] = await Promise.all([
    db
      .selectFrom('estates')
      .where(visible)
      .select((eb) => [
        eb.fn.countAll<string>().as('estates'),
        sql<string>`count(DISTINCT estates.company_id)`.as('companies'),
        sql<string>`coalesce(sum(estates.total_area), 0)`.as('area'),
      ])
      .executeTakeFirstOrThrow(),
    count('buildings'),
    count('units'),
    db
      .selectFrom('estates')
      .where(visible)
      .select((eb) => ['estates.management_mode as key', eb.fn.countAll<string>().as('n')])
      .groupBy('estates.management_mode')
      .orderBy('estates.management_mode')
      .execute(),
    db
      .selectFrom('estates')
      .where(visible)
      .select((eb) => ['estates.service_grade as key', eb.fn.countAll<string>().as('n')])
      .groupBy('estates.service_grade')
      .orderBy('estates.service_grade')
      .execute(),
  ]);
  const counts = (rows: { key: string | number; n: string }[]) =>
    rows.map((r) => ({ key: String(r.key), n: Number(r.n) }));
  return {
    estates: Number(totals.estates),
    buildings: Number(buildings.n),
    units: Number(units.n),
    companies: Number(totals.companies),
    totalArea: Number(totals.area),
    byMode: counts(byMode),
    byGrade: counts(byGrade),
  };
}
