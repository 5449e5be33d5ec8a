import type { FastifyReply } from 'fastify';
import { type ExportColumn, sendExport } from '../../kernel/export.ts';
import { type Lang, t } from '../../kernel/i18n.ts';

/** The supervision lists as xlsx or csv: rectification notices, their figures, a published ranking. */

const col = <T>(key: string, zh: string, en: string, value: ExportColumn<T>['value']): ExportColumn<T> => ({
  key,
  header: { 'zh-CN': zh, en },
  value,
});
/** A rate in basis points as a percentage with two decimals, exactly: 9981 → 99.81. */
const percent = (bp: number | null) =>
  bp === null ? null : `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;

type Notice = {
  noticeNo: string;
  estate: string;
  finding: string;
  legalBasis: string;
  deadline: string;
  state: string;
  rounds: number;
  answer: string | null;
  passedOn: string | null;
  overdue: boolean;
};
export const exportNotices = (reply: FastifyReply, format: 'xlsx' | 'csv', rows: Notice[], lang: Lang) =>
  sendExport(
    reply,
    format,
    lang === 'en' ? 'rectification-notices' : '整改通知书',
    [
      col<Notice>('noticeNo', '通知书编号', 'Notice', (r) => r.noticeNo),
      col<Notice>('estate', '小区', 'Estate', (r) => r.estate),
      col<Notice>('finding', '问题', 'Finding', (r) => r.finding),
      col<Notice>('legalBasis', '依据', 'Legal basis', (r) => r.legalBasis),
      col<Notice>('deadline', '整改期限', 'Deadline', (r) => r.deadline),
      col<Notice>('state', '状态', 'State', (r) => t(`inspection.state.${r.state}`, lang)),
      col<Notice>('overdue', '逾期', 'Overdue', (r) => (r.overdue ? (lang === 'en' ? 'yes' : '是') : '')),
      col<Notice>('rounds', '复查轮次', 'Rounds', (r) => r.rounds),
      col<Notice>('answer', '整改回复', 'Answer', (r) => r.answer),
      col<Notice>('passedOn', '通过日期', 'Passed on', (r) => r.passedOn),
    ],
    rows,
    lang,
  );

type Figure = {
  name: string | null;
  key: string;
  found: number;
  rectified: number;
  onTime: number;
  rateBp: number | null;
  onTimeBp: number | null;
};
export const exportFigures = (reply: FastifyReply, format: 'xlsx' | 'csv', rows: Figure[], lang: Lang) =>
  sendExport(
    reply,
    format,
    lang === 'en' ? 'rectification-figures' : '整改统计',
    [
      col<Figure>('name', '名称', 'Name', (r) => r.name ?? r.key),
      col<Figure>('found', '发现问题', 'Found', (r) => r.found),
      col<Figure>('rectified', '已整改', 'Rectified', (r) => r.rectified),
      col<Figure>('rate', '整改率', 'Rectification rate', (r) => percent(r.rateBp)),
      col<Figure>('onTime', '按期整改', 'On time', (r) => r.onTime),
      col<Figure>('onTimeRate', '按期整改率', 'On-time rate', (r) => percent(r.onTimeBp)),
    ],
    rows,
    lang,
  );

type Ranked = { rank: number; name: string; total: number; grade: string; failed: boolean; cityRank: number };
export const exportRanking = (
  reply: FastifyReply,
  format: 'xlsx' | 'csv',
  ranking: { period: string; district: { name: string } | null; companies: Ranked[] },
  lang: Lang,
) =>
  sendExport(
    reply,
    format,
    `${lang === 'en' ? 'credit-ranking' : '信用评价排名'}-${ranking.period}${ranking.district ? `-${ranking.district.name}` : ''}`,
    [
      col<Ranked>('rank', '排名', 'Rank', (r) => r.rank),
      ...(ranking.district ? [col<Ranked>('cityRank', '全市排名', 'City rank', (r) => r.cityRank)] : []),
      col<Ranked>('name', '企业', 'Company', (r) => r.name),
      col<Ranked>('total', '得分', 'Score', (r) => (r.total / 100).toFixed(2)),
      col<Ranked>('grade', '等级', 'Grade', (r) => r.grade),
      col<Ranked>('failed', '直接评为不合格', 'Failed outright', (r) =>
        r.failed ? (lang === 'en' ? 'yes' : '是') : '',
      ),
    ],
    ranking.companies,
    lang,
  );
