import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Result, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { LangSwitch } from '../components.tsx';
import { formatTime } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { choiceText, findReceipt, ResultView } from '../voting/components.tsx';
import { type ExportedMatter, MATTERS } from '../voting/types.ts';

/**
 * 公开结果页 (no sign-in): the result of a closed matter, a receipt lookup so every owner can find their own
 * ballot, and the export that `anju tally --file` recounts.
 */
export function PublicVote({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const url = `${MATTERS}/${id}/export`;
  const { data, failed } = useApi<ExportedMatter>(url);
  const [receipt, setReceipt] = useState('');
  const [looked, setLooked] = useState<string | null>(null);
  const names = data?.candidateNames;
  const found = data && looked ? findReceipt(data, looked) : null;
  return (
    <div style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        <Typography.Text strong>{t('app.name')}</Typography.Text>
        <LangSwitch size="small" />
      </div>
      {failed && <Result status="info" title={t('vote.notPublic')} />}
      {!data && !failed && <Skeleton active />}
      {data && (
        <>
          <Card
            title={<span data-testid="public-title">{data.title}</span>}
            extra={formatTime(data.closedAt, lang)}
            style={{ marginBottom: 16 }}
          >
            <div style={{ color: '#666', marginBottom: 12 }}>{t(`vItem.${data.matter}` as 'vItem.1')}</div>
            <ResultView result={data.result} candidates={names} />
          </Card>
          <Card title={t('vote.lookup')} style={{ marginBottom: 16 }}>
            <Space.Compact block>
              <Input
                value={receipt}
                onChange={(e) => setReceipt(e.target.value)}
                onPressEnter={() => setLooked(receipt)}
                placeholder={t('vote.receipt')}
                data-testid="receipt-input"
              />
              <Button type="primary" onClick={() => setLooked(receipt)}>
                {t('vote.lookupButton')}
              </Button>
            </Space.Compact>
            {looked && (
              <Alert
                style={{ marginTop: 12 }}
                showIcon
                type={found ? 'success' : 'error'}
                data-testid="lookup-result"
                title={
                  found
                    ? t('vote.found', { receipt: found.receipt, choice: choiceText(found, label, names) })
                    : t('vote.notFound', { receipt: looked.trim() })
                }
              />
            )}
          </Card>
          <Space direction="vertical">
            <Button icon={<DownloadOutlined />} href={url} download={`anju-vote-${id}.json`}>
              {t('vote.download')}
            </Button>
            <Typography.Text type="secondary">{t('vote.recount')}</Typography.Text>
          </Space>
        </>
      )}
    </div>
  );
}
