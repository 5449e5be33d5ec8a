import { FileOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Space, Tag, Typography } from 'antd';
import { formatArea, formatBytes, formatCount } from '../format.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import type { Candidate, Choice, ExportedMatter, MatterFile, MatterResult, Outcome } from './types.ts';

const PHASE_COLOR: Record<string, string> = {
  draft: 'default',
  announced: 'blue',
  open: 'processing',
  ended: 'orange',
  closed: 'cyan',
  published: 'green',
  cancelled: 'default',
  archived: 'purple',
};

/** Where a matter stands: its phase (announced, open, ended…), which already folds in the clock. */
export function PhaseTag({ phase }: { phase: string }) {
  const label = useLabel();
  return (
    <Tag color={PHASE_COLOR[phase] ?? 'default'} data-testid="vote-phase">
      {label('vState', phase)}
    </Tag>
  );
}

const OUTCOME_COLOR: Record<Outcome, string> = { PASS: 'success', FAIL: 'error', NO_QUORUM: 'warning' };

export function OutcomeTag({ outcome }: { outcome: Outcome }) {
  const label = useLabel();
  return (
    <Tag color={OUTCOME_COLOR[outcome]} data-testid="vote-outcome" style={{ fontSize: 14, padding: '2px 10px' }}>
      {label('vOutcome', outcome)}
    </Tag>
  );
}

/** "12.34 ㎡ / 100.00 ㎡（12.34%）" without floating-point areas. */
/** Truncated, never rounded up: 66.66…% must not read as 66.67%. */
const share = (part: number, whole: number) =>
  whole > 0 ? `${(Math.floor((10_000 * part) / whole) / 100).toFixed(2)}%` : '—';
const areaOf = (part: number, whole: number) => `${formatArea(part)}（${share(part, whole)}）`;
const personsOf = (part: number, whole: number, unit: string) =>
  `${formatCount(part)} ${unit}（${share(part, whole)}）`;

/** Every figure of a result; for an election the elected, alternates and any unresolved tie by name. */
export function ResultView({
  result,
  candidates,
}: {
  result: MatterResult;
  candidates?: Pick<Candidate, 'id' | 'name'>[];
}) {
  const { t, lang } = useI18n();
  const person = lang === 'en' ? 'owners' : '人';
  const name = (id: string) => candidates?.find((c) => c.id === id)?.name ?? id;
  const names = (ids: string[] | undefined) => (ids?.length ? ids.map(name).join('、') : '—');
  const r = result;
  const rows: { key: string; label: string; area: number; persons: number }[] = [
    { key: 'p', label: t('vote.participating'), area: r.participatingArea, persons: r.participatingPersons },
  ];
  if (r.agreeArea !== undefined)
    for (const c of ['agree', 'oppose', 'abstain'] as Choice[])
      rows.push({
        key: c,
        label: t(`vChoice.${c}`),
        area: r[`${c}Area`] ?? 0,
        persons: r[`${c}Persons`] ?? 0,
      });
  return (
    <div data-testid="vote-result">
      <div style={{ marginBottom: 12 }}>
        <OutcomeTag outcome={r.outcome} />
      </div>
      <Descriptions size="small" bordered column={1} styles={{ label: { width: 120 } }}>
        <Descriptions.Item label={t('vote.total')}>
          {formatArea(r.totalArea)} · {formatCount(r.totalPersons)} {person}
        </Descriptions.Item>
        {rows.map((x) => (
          <Descriptions.Item key={x.key} label={x.label}>
            <div>{areaOf(x.area, r.totalArea)}</div>
            <div>{personsOf(x.persons, r.totalPersons, person)}</div>
          </Descriptions.Item>
        ))}
        {r.candidates?.map((c) => (
          <Descriptions.Item key={c.id} label={name(c.id)}>
            {t('vChoice.agree')} {formatArea(c.agreeArea)} · {formatCount(c.agreePersons)} {person}
            {c.qualified && (
              <Tag color="green" style={{ marginLeft: 8 }}>
                {t('vote.qualified')}
              </Tag>
            )}
          </Descriptions.Item>
        ))}
        {r.elected && <Descriptions.Item label={t('vote.elected')}>{names(r.elected)}</Descriptions.Item>}
        {r.alternates && <Descriptions.Item label={t('vote.alternates')}>{names(r.alternates)}</Descriptions.Item>}
      </Descriptions>
      {!!r.unresolvedTie?.length && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={`${t('vote.tie')}：${names(r.unresolvedTie)}`}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {t('vote.thresholds')}
      </Typography.Paragraph>
    </div>
  );
}

/** A ballot's choice in words: 同意 / 反对 / 弃权, or the chosen candidates' names. */
export function choiceText(
  b: { choice?: Choice | null; choices?: string[] | null },
  label: (g: string, c: string) => string,
  candidates?: Pick<Candidate, 'id' | 'name'>[],
) {
  if (b.choices) return b.choices.map((id) => candidates?.find((c) => c.id === id)?.name ?? id).join('、') || '—';
  return b.choice ? label('vChoice', b.choice) : '—';
}

/** Looks a receipt up among the exported ballots. */
export const findReceipt = (exp: ExportedMatter, receipt: string) =>
  exp.ballots.find((b) => b.receipt === receipt.trim().toUpperCase()) ?? null;

/** A matter's file, opened in a new tab (PDFs and images display in the browser). */
export function FileLink({ f }: { f: MatterFile }) {
  return (
    <Space size={6}>
      <FileOutlined />
      <a href={f.url} target="_blank" rel="noreferrer" data-testid="matter-file">
        {f.name}
      </a>
      <Typography.Text type="secondary">{formatBytes(f.bytes)}</Typography.Text>
    </Space>
  );
}
