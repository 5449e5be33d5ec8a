import { Card, Descriptions, Empty, Table, Tag } from 'antd';
import { useApi } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import type { Committee } from '../types.ts';

/** The estate's owners' committee or property management committee (业委会 / 物管会). */
export function Committees({ estateId }: { estateId: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const { data, loading } = useApi<Committee[]>(`/api/v1/estates/${estateId}/committees`);
  if (!loading && !data?.length) return <Empty description={t('committee.none')} />;
  return (
    <>
      {(data ?? []).map((c) => (
        <Card
          key={c.id}
          size="small"
          title={label('committeeKind', c.kind)}
          extra={<Tag color={c.status === 'active' ? 'green' : 'default'}>{label('status', c.status)}</Tag>}
          style={{ marginBottom: 16 }}
        >
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('committee.term')}>
              {c.termStart ?? '—'} ~ {c.termEnd ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('committee.members')}>{c.members.length}</Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="personId"
            size="small"
            pagination={false}
            dataSource={c.members}
            columns={[
              { title: t('committee.memberName'), dataIndex: 'name' },
              { title: t('committee.position'), dataIndex: 'position', render: (p: string) => label('position', p) },
            ]}
          />
        </Card>
      ))}
    </>
  );
}
