import { App, Button, Drawer, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { Defaulter } from '../../finance/fees.ts';
import { FINANCE } from '../../finance/types.ts';
import { formatFen } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { ActionModal } from './ActionModal.tsx';

/**
 * 恶意拖欠名单: the estate's entries, those on the list first; an entry taken off stays, greyed, with the date and
 * the reason. 移出名单 (company administrator, project manager) asks for the reason.
 */
export function DefaultersDrawer(props: {
  entries: Defaulter[] | undefined;
  loading: boolean;
  /** May take units off the list. */
  manage: boolean;
  onClose(): void;
  /** An entry was taken off: read the list and the report again. */
  onChanged(): void;
}) {
  const { t } = useI18n();
  const [removing, setRemoving] = useState<Defaulter | null>(null);
  const entries = props.entries ?? [];
  return (
    <Drawer open title={t('arr.list')} size={960} onClose={props.onClose} data-testid="defaulters">
      <Typography.Paragraph type="secondary">{t('arr.listIntro')}</Typography.Paragraph>
      <Table<Defaulter>
        rowKey="id"
        size="small"
        loading={props.loading && !props.entries}
        dataSource={entries}
        pagination={entries.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: t('arr.listEmpty') }}
        data-testid="defaulters-table"
        onRow={(d) => (d.removedOn ? { style: { color: 'rgba(0, 0, 0, 0.38)' } } : {})}
        columns={[
          { title: t('arr.unit'), dataIndex: 'unit', width: 110 },
          { title: t('arr.listedOn'), dataIndex: 'listedOn', width: 110 },
          {
            title: t('arr.owedWhenListed'),
            key: 'owed',
            width: 170,
            render: (_, d) => t('arr.owedMonths', { amount: formatFen(d.owedFen), months: d.months }),
          },
          { title: t('arr.reason'), dataIndex: 'reason' },
          {
            title: t('arr.listState'),
            key: 'state',
            width: 220,
            render: (_, d) =>
              d.removedOn ? (
                <Space orientation="vertical" size={0}>
                  <Tag>{t('arr.removedOn', { date: d.removedOn })}</Tag>
                  <span data-testid="removed-why">{t('arr.removedWhy', { why: d.removedWhy ?? '' })}</span>
                </Space>
              ) : (
                <Tag color="red">{t('arr.onList')}</Tag>
              ),
          },
          ...(props.manage
            ? [
                {
                  title: '',
                  key: 'remove',
                  width: 100,
                  render: (_: unknown, d: Defaulter) =>
                    !d.removedOn && (
                      <Button size="small" onClick={() => setRemoving(d)}>
                        {t('arr.remove')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {removing && (
        <RemoveDialog
          entry={removing}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null);
            props.onChanged();
          }}
        />
      )}
    </Drawer>
  );
}

/** 移出名单, with the reason; the server keeps the entry. */
function RemoveDialog(props: { entry: Defaulter; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const save = async () => {
    const v = await form.validateFields();
    await api(`${FINANCE}/defaulters/${props.entry.id}/remove`, { quiet: true, body: { reason: v.reason.trim() } });
    message.success(t('arr.removed', { unit: props.entry.unit }));
    props.onDone();
  };
  return (
    <ActionModal
      title={t('arr.removeTitle', { unit: props.entry.unit })}
      okText={t('arr.remove')}
      onOk={save}
      onClose={props.onClose}
      errorId="remove-defaulter-error"
    >
      <Typography.Paragraph type="secondary">{t('arr.removeIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="remove-defaulter-form">
        <Form.Item
          name="reason"
          label={t('arr.removeReason')}
          rules={[{ required: true, whitespace: true, message: t('fees.required') }, { max: 500 }]}
        >
          <Input.TextArea rows={3} placeholder={t('arr.removeReasonHint')} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
