import type { ExportColumn } from '../../kernel/export.ts';
import type { listTickets } from './queries.ts';
import type { MetricsRow } from './stats.ts';

type Ticket = Awaited<ReturnType<typeof listTickets>>['items'][number];
const col = <T>(key: string, zh: string, en: string, value: (r: T) => string | number | null): ExportColumn<T> => ({
  key,
  header: { 'zh-CN': zh, en },
  value,
});

export const ticketColumns: ExportColumn<Ticket>[] = [
  col('number', '工单号', 'Number', (r) => r.number),
  col('state', '状态', 'State', (r) => r.state),
  col('kind', '类型', 'Kind', (r) => r.kind),
  col('category', '分类', 'Category', (r) => r.categoryName ?? ''),
  col('priority', '优先级', 'Priority', (r) => r.priority),
  col('estate', '小区', 'Estate', (r) => r.estateName),
  col('place', '位置', 'Place', (r) => r.placeText),
  col('description', '描述', 'Description', (r) => r.description),
  col('responsible', '当前责任方', 'Responsible now', (r) => r.responsibleName ?? r.responsibleKind),
  col('assignee', '处理人', 'Assignee', (r) => r.assigneeName),
  col('submitted', '提交时间', 'Submitted', (r) => r.submittedAt),
  col('due', '办结期限', 'Due', (r) => r.resolutionDue),
  col('overdue', '超时', 'Overdue', (r) => (r.overdue ? '是' : '')),
  col('satisfaction', '满意度', 'Satisfaction', (r) => r.satisfaction),
];

const pct = (r: { value: number | null }) => (r.value === null ? null : Math.round(r.value * 10000) / 100);
export const metricsColumns: ExportColumn<MetricsRow>[] = [
  col('name', '名称', 'Name', (r) => r.name ?? '全部'),
  col('tickets', '工单数', 'Tickets', (r) => r.counters.tickets),
  col('response', '响应率%', 'Response rate %', (r) => pct(r.responseRate)),
  col('resolution', '解决率%', 'Resolution rate %', (r) => pct(r.resolutionRate)),
  col('satisfaction', '满意率%', 'Satisfaction rate %', (r) => pct(r.satisfactionRate)),
  col('onTime', '按时办结率%', 'On-time rate %', (r) => pct(r.onTimeRate)),
  col('rework', '重办率%', 'Reopen rate %', (r) => pct(r.reworkRate)),
  col('accuracy', '派单准确率%', 'Dispatch accuracy %', (r) => pct(r.dispatchAccuracy)),
  col('report', '部门报到及时率%', 'Department report rate %', (r) => pct(r.reportRate)),
];
