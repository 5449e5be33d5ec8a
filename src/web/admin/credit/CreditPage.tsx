import { Button, Card, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { type CreditRecord, canEvaluate, canPublishCredit, recordsUrl } from '../../credit/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { CompanySelect } from '../EstateSelect.tsx';
import { AwaitingTab } from './AwaitingTab.tsx';
import { ManagerResults } from './ManagerResults.tsx';
import { PublishTab } from './PublishTab.tsx';
import { NewRecordDialog, useRecordDecisions } from './RecordDialogs.tsx';
import { RecordsTable } from './RecordsTable.tsx';
import { SettingsTab } from './SettingsTab.tsx';
import { StarsTab } from './StarsTab.tsx';

/**
 * 信用评价 for the housing authorities: a company's records (entered, approved by someone else, objections decided),
 * the work list across companies, project managers' results, estates' star ratings and, for the city, the
 * quarterly publication and the settings.
 */
export function CreditPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const [tab, setTab] = useState('records');
  const items = [
    { key: 'records', label: t('credit.tabRecords'), children: <RecordsTab /> },
    { key: 'awaiting', label: t('credit.tabAwaiting'), children: <AwaitingTab /> },
    { key: 'managers', label: t('credit.tabManagers'), children: <ManagerResults /> },
    { key: 'stars', label: t('credit.tabStars'), children: <StarsTab /> },
  ];
  if (canPublishCredit(me))
    items.push(
      { key: 'publish', label: t('credit.tabPublish'), children: <PublishTab /> },
      { key: 'settings', label: t('credit.tabSettings'), children: <SettingsTab /> },
    );
  return (
    <Card title={t('menu.credit')}>
      <Typography.Paragraph type="secondary">{t('credit.intro')}</Typography.Paragraph>
      <Tabs activeKey={tab} onChange={setTab} items={items} destroyOnHidden />
    </Card>
  );
}

function RecordsTab() {
  const { t } = useI18n();
  const { me } = useSession();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const records = useApi<CreditRecord[]>(companyId ? recordsUrl(companyId) : null);
  const [adding, setAdding] = useState(false);
  const decisions = useRecordDecisions(records.reload);
  const evaluator = canEvaluate(me);

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <CompanySelect<string>
          style={{ width: 320 }}
          placeholder={t('credit.pickCompany')}
          value={companyId ?? undefined}
          onChange={setCompanyId}
          testId="credit-company"
        />
        {evaluator && companyId && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('credit.add')}
          </Button>
        )}
      </Space>
      {companyId && (
        <RecordsTable
          records={records.data}
          loading={records.loading}
          actions={evaluator ? decisions.actions : undefined}
        />
      )}
      {adding && companyId && (
        <NewRecordDialog
          companyId={companyId}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            records.reload();
          }}
        />
      )}
      {decisions.dialog}
    </>
  );
}
