import type { Executor } from '../../../kernel/db.ts';
import { DomainError } from '../../../kernel/errors.ts';
import type { Lang } from '../../../kernel/i18n.ts';
import { listCategories } from '../catalog.ts';

/** Open311 services are the active leaves (level 3) of the work-order classification. */

export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface Leaf {
  id: string;
  code: string;
  name: string;
}

/** Where the problem is; the hotline cannot name a registered unit, so the answer is kept in the place text. */
export const PLACES = {
  unit: { 'zh-CN': '户内', en: 'Inside a home' },
  building: { 'zh-CN': '楼栋公共部位', en: 'Shared parts of a building' },
  common: { 'zh-CN': '小区公共区域', en: 'Common areas of the estate' },
} as const;
export type PlaceKey = keyof typeof PLACES;

export async function servicesOf(db: Executor, lang: Lang): Promise<{ services: Service[]; leaves: Leaf[] }> {
  const all = await listCategories(db);
  const byId = new Map(all.map((c) => [c.id, c]));
  const label = (c: (typeof all)[number]) => (lang === 'en' && c.nameEn ? c.nameEn : c.name);
  const services: Service[] = [];
  const leaves: Leaf[] = [];
  for (const c of all) {
    if (c.level !== 3 || !c.active) continue;
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    const root = parent?.parentId ? byId.get(parent.parentId) : undefined;
    const ancestors = [root, parent].filter((x): x is NonNullable<typeof x> => !!x).map(label);
    services.push({
      service_code: c.code,
      service_name: label(c),
      description: [...ancestors, label(c)].join(' › '),
      metadata: true,
      type: 'realtime',
      keywords: ancestors.join(', '),
      group: ancestors[0] ?? '',
    });
    leaves.push({ id: c.id, code: c.code, name: label(c) });
  }
  return { services, leaves };
}

export async function leafByCode(db: Executor, code: string | undefined, lang: Lang): Promise<Leaf> {
  const { leaves } = await servicesOf(db, lang);
  const leaf = code ? leaves.find((l) => l.code === code) : undefined;
  if (!leaf) throw new DomainError('open311.service_not_found', 404, { code: code ?? '' });
  return leaf;
}

/** GET services/{code}: the attributes POST understands, beyond the standard fields. */
export async function serviceDefinition(db: Executor, code: string, lang: Lang) {
  const leaf = await leafByCode(db, code, lang);
  const en = lang === 'en';
  return {
    service_code: leaf.code,
    attributes: [
      {
        variable: true,
        code: 'place',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 1,
        description: en ? 'Where is the problem?' : '问题在哪里？',
        values: (Object.keys(PLACES) as PlaceKey[]).map((key) => ({ key, name: PLACES[key][lang] })),
      },
      {
        variable: true,
        code: 'hotline_id',
        datatype: 'string',
        required: false,
        datatype_description: en
          ? "The hotline's own order number (12345 工单号); sending it again returns the first request"
          : '热线系统自己的工单号（12345 工单号）；重复提交返回首次受理的工单',
        order: 2,
        description: en ? 'Hotline order number' : '热线工单号',
        values: [],
      },
    ],
  };
}
