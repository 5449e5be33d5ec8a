import { Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LoadMore } from '../../components.tsx';
import type { CursorList } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { NOTICE_COLOR, type Notice, type NoticeState } from '../../inspections/types.ts';

/** The state of a notice, with its round when it has been sent back, and the overdue mark. */
export function NoticeStateTags({ n }: { n: Notice }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <Space size={4} wrap>
      <Tag color={NOTICE_COLOR[n.state]}>{label('rectState', n.state)}</Tag>
      {n.rounds > 1 && <Tag>{t('insp.rounds', { n: n.rounds })}</Tag>}
      {n.overdue && <Tag color="red">{t('insp.overdue')}</Tag>}
      {n.escalatedOn && <Tag color="magenta">{t('insp.escalated')}</Tag>}
    </Space>
  );
}

/**
 * 整改通知书 as the server orders them (open ones by the nearest deadline, then the passed ones), a page at a time,
 * for the authority's desk and the company's tasks alike.
 */
export function NoticeTable(props: { list: CursorList<Notice>; actions(n: Notice): ReactNode }) {
  const { t } = useI18n();
  const { list } = props;
  return (
    <>
      <Table<Notice>
        rowKey="id"
        size="middle"
        data-testid="notices"
        loading={list.loading && !list.items.length}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: t('insp.noNotices') }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('insp.noticeNo'), dataIndex: 'noticeNo', width: 170 },
          { title: t('insp.estate'), dataIndex: 'estate', width: 140 },
          { title: t('insp.finding'), dataIndex: 'finding', ellipsis: true },
          {
            title: t('insp.deadline'),
            dataIndex: 'deadline',
            width: 120,
            render: (v: string, n) => <Typography.Text type={n.overdue ? 'danger' : undefined}>{v}</Typography.Text>,
          },
          {
            title: t('insp.state'),
            dataIndex: 'state',
            width: 220,
            render: (_: NoticeState, n) => <NoticeStateTags n={n} />,
          },
          { title: '', key: 'actions', width: 120, render: (_, n) => props.actions(n) },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} count={list.items.length} />
    </>
  );
}
