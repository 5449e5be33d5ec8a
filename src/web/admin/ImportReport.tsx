import { Alert, Button, Space, Table, Typography } from 'antd';
import { useI18n } from '../i18n.tsx';
import type { ImportResult } from '../types.ts';

type Row = { kind: string; sheet: string; inserted: number; updated: number; unchanged: number; invalid: number };

/** Sheets in dependency order, as the server processes them. */
const KIND_ORDER = ['regions', 'companies', 'estates', 'buildings', 'units', 'owners', 'staff'];
const rank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);

/** What an import did per sheet, and each rejected cell, with the option to import only the valid rows. */
export function ImportReport(props: { result: ImportResult; canRetryValidOnly: boolean; onRetryValidOnly(): void }) {
  const { t } = useI18n();
  const counts: Row[] = Object.entries(props.result.counts ?? {})
    .map(([kind, c]) => ({
      kind,
      sheet: c.sheet ?? kind,
      inserted: c.inserted ?? 0,
      updated: c.updated ?? 0,
      unchanged: c.unchanged ?? 0,
      invalid: c.invalid ?? 0,
    }))
    .sort((a, b) => rank(a.kind) - rank(b.kind));
  const errors = props.result.errors ?? [];
  const errorCount = props.result.errorCount ?? errors.length;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', marginTop: 16 }}>
      {props.result.imported && errorCount === 0 && <Alert type="success" showIcon title={t('import.done')} />}
      {counts.length > 0 && (
        <Table<Row>
          rowKey="kind"
          size="small"
          pagination={false}
          dataSource={counts}
          data-testid="import-counts"
          columns={[
            { title: t('import.sheet'), dataIndex: 'sheet' },
            { title: t('import.inserted'), dataIndex: 'inserted', align: 'right' },
            { title: t('import.updated'), dataIndex: 'updated', align: 'right' },
            { title: t('import.unchanged'), dataIndex: 'unchanged', align: 'right' },
            {
              title: t('import.invalid'),
              dataIndex: 'invalid',
              align: 'right',
              render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
            },
          ]}
        />
      )}
      {errorCount > 0 && (
        <>
          <Alert
            type="warning"
            showIcon
            title={t(props.result.imported ? 'import.skippedN' : 'import.errorsN', { n: errorCount })}
            description={errors.length < errorCount ? t('import.firstN', { n: errors.length }) : undefined}
            action={
              props.canRetryValidOnly &&
              !props.result.imported && (
                <Button size="small" type="primary" onClick={props.onRetryValidOnly}>
                  {t('import.retryValidOnly')}
                </Button>
              )
            }
          />
          <Table
            rowKey={(e) => `${e.sheet}:${e.row}:${e.column}:${e.message}`}
            size="small"
            dataSource={errors}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            data-testid="import-errors"
            columns={[
              { title: t('import.sheet'), dataIndex: 'sheet', width: 140 },
              { title: t('import.row'), dataIndex: 'row', width: 70, align: 'right' },
              { title: t('import.column'), dataIndex: 'column', width: 160 },
              {
                title: t('import.message'),
                dataIndex: 'message',
                render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text>,
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
