import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { YuanInput } from '../../finance/components.tsx';
import { type FeeCap, FINANCE, MAX_FEN } from '../../finance/types.ts';
import { parseYuan, yuanText } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';

const GRADES = [1, 2, 3, 4, 5];

/**
 * 收费标准: the city's 政府指导价, the highest 物业服务费 per m² and month for each service grade. A company charging
 * more must record the approval that allows it.
 */
export function FeeCaps() {
  const { t } = useI18n();
  const caps = useApi<FeeCap[]>(`${FINANCE}/fee-caps`);
  return (
    <Card title={t('menu.feeCaps')}>
      <Typography.Paragraph type="secondary">{t('caps.intro')}</Typography.Paragraph>
      <Table<{ grade: number; cap: FeeCap | null }>
        rowKey="grade"
        size="middle"
        loading={caps.loading && !caps.data}
        pagination={false}
        style={{ maxWidth: 720 }}
        dataSource={GRADES.map((grade) => ({ grade, cap: caps.data?.find((c) => c.grade === grade) ?? null }))}
        data-testid="fee-caps"
        columns={[
          { title: t('estate.grade'), dataIndex: 'grade', width: 120, render: (n) => t('estate.gradeN', { n }) },
          {
            title: t('caps.cap'),
            render: (_, r) => (
              // Keyed by version: a save (or someone else's, after a 409) refills the field.
              <CapEditor key={`${r.grade}-${r.cap?.version ?? 0}`} grade={r.grade} cap={r.cap} onSaved={caps.reload} />
            ),
          },
        ]}
      />
    </Card>
  );
}

function CapEditor({ grade, cap, onSaved }: { grade: number; cap: FeeCap | null; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [text, setText] = useState(cap ? yuanText(cap.capFen) : '');
  const [busy, setBusy] = useState(false);
  const fen = parseYuan(text);
  const valid = fen !== null && fen > 0 && fen <= MAX_FEN;

  const save = async () => {
    setBusy(true);
    try {
      await api(`${FINANCE}/fee-caps/${grade}`, {
        method: 'PUT',
        quiet: true,
        body: { capFen: fen, version: cap?.version ?? 0 },
      });
      message.success(t('caps.saved', { n: grade }));
      onSaved();
    } catch (e) {
      const stale = e instanceof ApiError && e.status === 409;
      message.error(e instanceof ApiError ? `${e.detail}${stale ? ` ${t('rules.reloaded')}` : ''}` : String(e));
      // Someone saved in between: show their value rather than overwrite it.
      if (stale) onSaved();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space data-testid={`cap-${grade}`}>
      <YuanInput
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => valid && save()}
        status={text && !valid ? 'error' : undefined}
        suffix={t('priceUnit.area_month')}
        placeholder={t('caps.none')}
        style={{ width: 220 }}
      />
      <Button type="primary" disabled={!valid || fen === cap?.capFen} loading={busy} onClick={save}>
        {t('caps.save')}
      </Button>
      {!cap && <Tag color="orange">{t('caps.notSet')}</Tag>}
    </Space>
  );
}
