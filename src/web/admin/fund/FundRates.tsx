import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { YuanInput } from '../../finance/components.tsx';
import { USES } from '../../finance/types.ts';
import { parseYuan, yuanText } from '../../format.ts';
import { canSetFundRates, FUND, type FundRate, MAX_RATE_FEN } from '../../fund/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';

/** 交存标准: fen per m² of building area for each use of a unit, set by the city; everyone else reads them. */
export function FundRates() {
  const { t } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const rates = useApi<FundRate[]>(`${FUND}/fund-rates`);
  const editable = canSetFundRates(me);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('fund.rateIntro')}</Typography.Paragraph>
      <Table<{ use: string; rate: FundRate | null }>
        rowKey="use"
        size="middle"
        loading={rates.loading && !rates.data}
        pagination={false}
        style={{ maxWidth: 720 }}
        dataSource={USES.map((use) => ({ use, rate: rates.data?.find((r) => r.use === use) ?? null }))}
        data-testid="fund-rates"
        columns={[
          { title: t('fund.use'), dataIndex: 'use', width: 140, render: (u: string) => label('use', u) },
          {
            title: t('fund.rate'),
            render: (_, r) =>
              editable ? (
                // Keyed by version: a save (or someone else's, after a 409) refills the field.
                <RateEditor key={`${r.use}-${r.rate?.version ?? 0}`} use={r.use} rate={r.rate} onSaved={rates.reload} />
              ) : r.rate ? (
                `${yuanText(r.rate.rateFen, true)} ${t('fund.rateUnit')}`
              ) : (
                <Tag color="orange">{t('fund.notSet')}</Tag>
              ),
          },
        ]}
      />
    </>
  );
}

function RateEditor({ use, rate, onSaved }: { use: string; rate: FundRate | null; onSaved(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [text, setText] = useState(rate ? yuanText(rate.rateFen) : '');
  const [busy, setBusy] = useState(false);
  const fen = parseYuan(text);
  const valid = fen !== null && fen > 0 && fen <= MAX_RATE_FEN;

  const save = async () => {
    setBusy(true);
    try {
      await api(`${FUND}/fund-rates/${use}`, {
        method: 'PUT',
        quiet: true,
        body: { rateFen: fen, version: rate?.version ?? 0 },
      });
      message.success(t('fund.rateSaved', { use: label('use', use) }));
      onSaved();
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
      // Someone saved in between: show their value rather than overwrite it.
      if (e instanceof ApiError && e.status === 409) onSaved();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space data-testid={`fund-rate-${use}`}>
      <YuanInput
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => valid && save()}
        status={text && !valid ? 'error' : undefined}
        suffix={t('fund.rateUnit')}
        placeholder={t('fund.notSet')}
        style={{ width: 200 }}
      />
      <Button type="primary" disabled={!valid || fen === rate?.rateFen} loading={busy} onClick={save}>
        {t('fund.save')}
      </Button>
      {!rate && <Tag color="orange">{t('fund.notSet')}</Tag>}
    </Space>
  );
}
