import { PlusOutlined } from '@ant-design/icons';
import { Cascader, Image, Tag, Timeline, Upload, type UploadFile } from 'antd';
import { useMemo, useState } from 'react';
import { formatTime } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { categoryTree, uploadPhoto } from './api.ts';
import type { Category, TicketSummary, TimelineEntry } from './types.ts';

const STATE_COLOR: Record<string, string> = {
  submitted: 'gold',
  accepted: 'blue',
  dispatched: 'blue',
  in_progress: 'processing',
  waiting_resident: 'purple',
  escalation_requested: 'volcano',
  whistled: 'red',
  department_handling: 'magenta',
  resolved: 'cyan',
  verified: 'cyan',
  closed: 'green',
  rejected: 'default',
  merged: 'default',
  out_of_scope: 'default',
};

export function StateTag({ state }: { state: string }) {
  const label = useLabel();
  return (
    <Tag color={STATE_COLOR[state] ?? 'default'} data-testid="ticket-state">
      {label('woState', state)}
    </Tag>
  );
}

/** "3 小时 20 分" from milliseconds. */
function span(ms: number, en: boolean): string {
  const m = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  if (en) return d ? `${d}d ${h}h` : h ? `${h}h ${min}m` : `${min}m`;
  return d ? `${d} 天 ${h} 小时` : h ? `${h} 小时 ${min} 分` : `${min} 分钟`;
}

/** SLA countdown to resolutionDue: red once overdue, orange with less than 4 hours left, green otherwise. */
export function SlaTag({ ticket }: { ticket: Pick<TicketSummary, 'resolutionDue' | 'overdue' | 'paused' | 'state'> }) {
  const { t, lang } = useI18n();
  if (ticket.paused) return <Tag>{t('wo.paused')}</Tag>;
  if (
    !ticket.resolutionDue ||
    ['closed', 'rejected', 'merged', 'out_of_scope', 'resolved', 'verified'].includes(ticket.state)
  )
    return <span style={{ color: '#999' }}>—</span>;
  const left = new Date(ticket.resolutionDue).getTime() - Date.now();
  const en = lang === 'en';
  if (ticket.overdue || left <= 0)
    return (
      <Tag color="red" data-testid="sla">
        {t('wo.overdueBy', { t: span(left, en) })}
      </Tag>
    );
  return (
    <Tag color={left < 4 * 3600_000 ? 'orange' : 'green'} data-testid="sla">
      {t('wo.left', { t: span(left, en) })}
    </Tag>
  );
}

/** Who is on the hook now, as the resident should read it; nobody once it is closed (办结) or stopped (终止). */
export function responsibleText(
  tk: Pick<TicketSummary, 'responsibleKind' | 'responsibleName' | 'state'>,
  label: (g: string, c: string) => string,
) {
  if (tk.responsibleKind === 'resident') return label('woResp', 'resident');
  if (tk.responsibleKind === 'none' && !tk.responsibleName)
    return label('woResp', tk.state === 'closed' ? 'finished' : 'ended');
  return tk.responsibleName ?? label('woResp', tk.responsibleKind);
}

/**
 * The place › category › problem cascader (3 levels, active branches only), loading the categories itself.
 * A Form.Item child: takes value/onChange as the path of ids.
 */
export function CategoryCascader({
  value,
  onChange,
  id,
  search = false,
}: {
  value?: string[];
  onChange?(v: string[]): void;
  id?: string;
  /** Type to find a problem (staff taking a call); off on the phone, where the menus are easier. */
  search?: boolean;
}) {
  const { t, lang } = useI18n();
  const cats = useApi<Category[]>('/api/v1/workorders/categories');
  const options = useMemo(() => categoryTree(cats.data ?? [], lang), [cats.data, lang]);
  return (
    <Cascader
      id={id}
      options={options}
      value={value}
      onChange={(v) => onChange?.(v as string[])}
      loading={cats.loading}
      placeholder={t('wo.category')}
      showSearch={search}
      data-testid="category-cascader"
    />
  );
}

/** The 3-level path a CategoryCascader must reach before a form may be sent. */
export const categoryRule = (message: string) => ({
  validator: (_: unknown, v?: string[]) =>
    v && v.length === 3 ? Promise.resolve() : Promise.reject(new Error(message)),
});

export function TicketTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  return (
    <Timeline
      data-testid="ticket-timeline"
      items={[...entries].reverse().map((e) => ({
        key: e.id,
        color: e.toState === 'closed' ? 'green' : e.action === 'send_back' ? 'red' : 'blue',
        content: (
          <div>
            <div>
              <b>{label('woAction', e.action)}</b> · {e.actorName}
              {e.internal && (
                <Tag style={{ marginLeft: 6 }} color="orange">
                  {t('wo.internal')}
                </Tag>
              )}
            </div>
            {(e.note || e.reason) && <div style={{ color: '#555' }}>{e.note ?? e.reason}</div>}
            <div style={{ color: '#999', fontSize: 12 }}>
              {formatTime(e.at, lang)} · {label('woState', e.toState)}
            </div>
          </div>
        ),
      }))}
    />
  );
}

export function PhotoStrip({ photos }: { photos: { id: string; url: string }[] }) {
  if (!photos.length) return null;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        {photos.map((p) => (
          <Image key={p.id} src={p.url} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

/** Up to 9 photos, each uploaded as soon as it is picked; `onChange` gets the ids of those that made it. */
export function PhotoPicker({ onChange }: { onChange(ids: string[]): void }) {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const update = (next: UploadFile[]) => {
    setFiles(next);
    onChange(next.filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response.id as string));
  };
  return (
    <Upload
      accept="image/jpeg,image/png,image/webp,image/heic"
      listType="picture-card"
      multiple
      fileList={files}
      maxCount={9}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          onSuccess?.(await uploadPhoto(file as File));
        } catch (e) {
          onError?.(e as Error);
        }
      }}
      onChange={({ fileList }) =>
        update(fileList.map((f) => (f.status === 'done' && f.response?.url ? { ...f, url: f.response.url } : f)))
      }
      data-testid="photo-picker"
    >
      {files.length < 9 && <PlusOutlined />}
    </Upload>
  );
}
