import { Card, Tabs, Typography } from 'antd';
import { useI18n } from '../../i18n.tsx';
import { navigate, useLocation } from '../../router.tsx';
import { FiguresTab } from './FiguresTab.tsx';
import { JointActionsTab } from './JointActionsTab.tsx';
import { NoticesTab } from './NoticesTab.tsx';
import { PlansTab } from './PlansTab.tsx';
import { TemplatesTab } from './TemplatesTab.tsx';

const TABS = ['plans', 'templates', 'notices', 'figures', 'joint'] as const;
type Tab = (typeof TABS)[number];

/**
 * 检查整改 for the housing authorities and street offices: plans, checklists, the notices with their re-inspection,
 * the figures and joint enforcement. The tab is kept in `?tab=` so a notice list can be linked to.
 */
export function InspectionsPage() {
  const { t } = useI18n();
  const { path, query } = useLocation();
  const asked = query.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'plans';
  const items = [
    { key: 'plans', label: t('insp.tabPlans'), children: <PlansTab /> },
    { key: 'templates', label: t('insp.tabTemplates'), children: <TemplatesTab /> },
    { key: 'notices', label: t('insp.tabNotices'), children: <NoticesTab /> },
    { key: 'figures', label: t('insp.tabFigures'), children: <FiguresTab /> },
    { key: 'joint', label: t('insp.tabJoint'), children: <JointActionsTab /> },
  ];
  return (
    <Card title={t('menu.inspections')}>
      <Typography.Paragraph type="secondary">{t('insp.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(`${path}?tab=${k}`, { replace: true })}
        items={items}
        destroyOnHidden
      />
    </Card>
  );
}
