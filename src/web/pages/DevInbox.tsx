import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { LangSwitch } from '../components.tsx';
import { formatTime } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';
import type { InboxMessage } from '../types.ts';

const REFRESH_MS = 3000;

/** Development only: the SMS the platform would have sent, so a tester can read the sign-in codes. */
export function DevInbox() {
  const { t, lang } = useI18n();
  const [auto, setAuto] = useState(true);
  const { data, loading, failed, reload } = useApi<InboxMessage[]>('/api/v1/dev/inbox');

  useEffect(() => {
    if (!auto) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [auto, reload]);

  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 24 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space>
          <Link to="/login">
            <ArrowLeftOutlined /> {t('inbox.back')}
          </Link>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('inbox.title')}
          </Typography.Title>
        </Space>
        <Space>
          <Switch checked={auto} onChange={setAuto} /> {t('inbox.auto')}
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
            {t('inbox.refresh')}
          </Button>
          <LangSwitch />
        </Space>
      </Space>
      <Alert type="info" showIcon title={t('inbox.hint')} style={{ marginBottom: 16 }} />
      <Card>
        {failed && !data ? (
          <Empty description={t('inbox.disabled')} />
        ) : (
          <Table<InboxMessage>
            rowKey="id"
            size="middle"
            dataSource={data ?? []}
            pagination={false}
            data-testid="inbox-table"
            columns={[
              {
                title: t('inbox.time'),
                dataIndex: 'createdAt',
                width: 190,
                render: (v: string) => formatTime(v, lang),
              },
              { title: t('inbox.channel'), dataIndex: 'channel', width: 90, render: (v: string) => <Tag>{v}</Tag> },
              { title: t('inbox.recipient'), dataIndex: 'recipient', width: 140 },
              {
                title: t('inbox.body'),
                dataIndex: 'body',
                render: (body: string) => {
                  const code = body.match(/\b\d{6}\b/)?.[0];
                  return (
                    <Space orientation="vertical" size={2}>
                      {code && (
                        <Typography.Text
                          strong
                          copyable
                          style={{ fontSize: 20, letterSpacing: 2 }}
                          data-testid="otp-code"
                        >
                          {code}
                        </Typography.Text>
                      )}
                      <span>{body}</span>
                    </Space>
                  );
                },
              },
              { title: t('inbox.status'), dataIndex: 'status', width: 90 },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
