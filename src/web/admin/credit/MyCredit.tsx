import { App, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { CREDIT, type CreditRecord, recordsUrl } from '../../credit/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { ActionModal } from '../finance/ActionModal.tsx';
import { ManagerResults } from './ManagerResults.tsx';
import { RecordsTable } from './RecordsTable.tsx';

/**
 * 信用记录 for the company: its own records, 申诉 against an approved one within the window, and its project managers'
 * results in the published quarters.
 */
export function MyCredit() {
  const { t } = useI18n();
  const { me } = useSession();
  const companyId = me?.bindings.find((b) => b.role === 'company_admin')?.scopeId ?? null;
  const records = useApi<CreditRecord[]>(companyId ? recordsUrl(companyId) : null);
  const [objecting, setObjecting] = useState<CreditRecord | null>(null);
  if (!companyId) return <Result status="info" title={t('credit.noCompany')} />;
  return (
    <>
      <Card title={t('menu.creditRecords')}>
        <Typography.Paragraph type="secondary">{t('credit.myIntro')}</Typography.Paragraph>
        <RecordsTable
          records={records.data}
          loading={records.loading}
          actions={(r) =>
            r.state === 'approved' && !r.objectionState ? (
              <Button size="small" onClick={() => setObjecting(r)}>
                {t('credit.object')}
              </Button>
            ) : null
          }
        />
        {objecting && (
          <ObjectDialog
            record={objecting}
            onClose={() => setObjecting(null)}
            onDone={() => {
              setObjecting(null);
              records.reload();
            }}
          />
        )}
      </Card>
      <Card title={t('credit.tabManagers')} style={{ marginTop: 16 }}>
        <ManagerResults />
      </Card>
    </>
  );
}

function ObjectDialog(props: { record: CreditRecord; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    await api(`${CREDIT}/records/${props.record.id}/objection`, {
      quiet: true,
      body: { version: props.record.version, reason: v.reason },
    });
    message.success(t('credit.objected'));
    props.onDone();
  };
  return (
    <ActionModal title={t('credit.objectTitle')} onOk={submit} onClose={props.onClose} errorId="object-error">
      <Typography.Paragraph>{props.record.evidence}</Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="object-form">
        <Form.Item name="reason" label={t('credit.reason')} rules={[{ required: true, message: t('credit.required') }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
