import {
  AccountBookOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DownOutlined,
  EnvironmentOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FundProjectionScreenOutlined,
  IdcardOutlined,
  InsuranceOutlined,
  InteractionOutlined,
  LogoutOutlined,
  MoneyCollectOutlined,
  PropertySafetyOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  SoundOutlined,
  StarOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, Grid, Layout, Menu, Result, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LangSwitch } from '../components.tsx';
import { useI18n, useLabel } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { type Section, sectionsFor } from '../roles.ts';
import { match, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { Me } from '../types.ts';
import { Companies } from './Companies.tsx';
import { CompanyDetail, MyCompany } from './CompanyDetail.tsx';
import { CommitteePage } from './committees/CommitteePage.tsx';
import { CreditPage } from './credit/CreditPage.tsx';
import { MyCredit } from './credit/MyCredit.tsx';
import { Dashboard } from './Dashboard.tsx';
import { Departments } from './Departments.tsx';
import { EstateDetail } from './EstateDetail.tsx';
import { FeeCaps } from './finance/FeeCaps.tsx';
import { FeePricesPage } from './finance/FeePricesPage.tsx';
import { FinancePage, financeTabOf } from './finance/FinancePage.tsx';
import { PublicRevenuePage } from './finance/PublicRevenuePage.tsx';
import { ReceiptPage } from './finance/ReceiptPage.tsx';
import { FundPage } from './fund/FundPage.tsx';
import { Import } from './Import.tsx';
import { InspectionForm } from './inspections/InspectionForm.tsx';
import { InspectionsPage } from './inspections/InspectionsPage.tsx';
import { MyInspectionsPage } from './inspections/MyInspectionsPage.tsx';
import { RectifyTasks } from './inspections/RectifyTasks.tsx';
import { MediationPage } from './mediation/MediationPage.tsx';
import { Owners } from './Owners.tsx';
import { Registry } from './Registry.tsx';
import { Staff } from './Staff.tsx';
import { MatterDetail } from './voting/MatterDetail.tsx';
import { Matters } from './voting/Matters.tsx';
import { RulesPage } from './voting/RulesPage.tsx';
import { Categories } from './workorders/Categories.tsx';
import { Metrics } from './workorders/Metrics.tsx';
import { Queue } from './workorders/Queue.tsx';
import { Settings } from './workorders/Settings.tsx';

const SECTION_UI: Record<Section, { path: string; icon: ReactNode; label: MessageKey }> = {
  dashboard: { path: '/', icon: <DashboardOutlined />, label: 'menu.dashboard' },
  registry: { path: '/registry', icon: <ApartmentOutlined />, label: 'menu.registry' },
  companies: { path: '/companies', icon: <ShopOutlined />, label: 'menu.companies' },
  company: { path: '/company', icon: <ShopOutlined />, label: 'menu.company' },
  owners: { path: '/owners', icon: <IdcardOutlined />, label: 'menu.owners' },
  staff: { path: '/staff', icon: <TeamOutlined />, label: 'menu.staff' },
  departments: { path: '/departments', icon: <BankOutlined />, label: 'menu.departments' },
  workorders: { path: '/workorders', icon: <ToolOutlined />, label: 'menu.workorders' },
  streetDesk: { path: '/workorders/street', icon: <SoundOutlined />, label: 'menu.streetDesk' },
  deptDesk: { path: '/workorders/department', icon: <AlertOutlined />, label: 'menu.deptDesk' },
  woCategories: { path: '/workorders/categories', icon: <ClusterOutlined />, label: 'menu.woCategories' },
  woSettings: { path: '/workorders/settings', icon: <SettingOutlined />, label: 'menu.woSettings' },
  woMetrics: { path: '/workorders/metrics', icon: <BarChartOutlined />, label: 'menu.woMetrics' },
  voting: { path: '/voting', icon: <AuditOutlined />, label: 'menu.voting' },
  votingRules: { path: '/voting/rules', icon: <ReadOutlined />, label: 'menu.votingRules' },
  committee: { path: '/committee', icon: <SolutionOutlined />, label: 'menu.committee' },
  finance: { path: '/finance', icon: <AccountBookOutlined />, label: 'menu.finance' },
  feeCaps: { path: '/finance/caps', icon: <MoneyCollectOutlined />, label: 'menu.feeCaps' },
  feePrices: { path: '/finance/prices', icon: <FundProjectionScreenOutlined />, label: 'menu.feePrices' },
  publicRevenue: { path: '/finance/public-revenue', icon: <PropertySafetyOutlined />, label: 'menu.publicRevenue' },
  fund: { path: '/finance/fund', icon: <SafetyCertificateOutlined />, label: 'menu.fund' },
  credit: { path: '/supervision/credit', icon: <StarOutlined />, label: 'menu.credit' },
  creditRecords: { path: '/supervision/credit/mine', icon: <FileProtectOutlined />, label: 'menu.creditRecords' },
  inspections: { path: '/supervision/inspections', icon: <FileSearchOutlined />, label: 'menu.inspections' },
  myInspections: { path: '/supervision/my-inspections', icon: <EnvironmentOutlined />, label: 'menu.myInspections' },
  rectifyTasks: { path: '/supervision/rectifications', icon: <InsuranceOutlined />, label: 'menu.rectifyTasks' },
  mediation: { path: '/supervision/mediation', icon: <InteractionOutlined />, label: 'menu.mediation' },
  import: { path: '/import', icon: <CloudUploadOutlined />, label: 'menu.import' },
};

/** The page for a path, and the menu section it belongs to. */
function route(path: string, sections: Section[]): { section: Section | null; page: ReactNode } {
  if (path === '/' || path === '') return { section: 'dashboard', page: <Dashboard /> };
  const pages: Partial<Record<Section, ReactNode>> = {
    registry: <Registry />,
    companies: <Companies />,
    company: <MyCompany />,
    owners: <Owners />,
    staff: <Staff />,
    departments: <Departments />,
    import: <Import />,
    // Keys make each desk a fresh queue, so its preset filter applies when switching between them.
    workorders: <Queue key="all" title="menu.workorders" />,
    streetDesk: <Queue key="street" title="menu.streetDesk" preset={['escalation_requested']} />,
    deptDesk: <Queue key="dept" title="menu.deptDesk" preset={['whistled', 'department_handling']} />,
    woCategories: <Categories />,
    woSettings: <Settings />,
    woMetrics: <Metrics />,
    voting: <Matters />,
    votingRules: <RulesPage />,
    committee: <CommitteePage />,
    finance: <FinancePage tab="items" />,
    feeCaps: <FeeCaps />,
    feePrices: <FeePricesPage />,
    fund: <FundPage />,
    publicRevenue: <PublicRevenuePage />,
    credit: <CreditPage />,
    creditRecords: <MyCredit />,
    inspections: <InspectionsPage />,
    myInspections: <MyInspectionsPage />,
    rectifyTasks: <RectifyTasks />,
    mediation: <MediationPage />,
  };
  // Menu pages first: /voting/rules is a page, not the matter "rules".
  const section = sections.find((s) => SECTION_UI[s].path === path);
  if (section) return { section, page: pages[section] };
  const inspection = match('/supervision/my-inspections/:id', path);
  if (inspection && sections.includes('myInspections'))
    return { section: 'myInspections', page: <InspectionForm id={inspection.id} /> };
  const estate = match('/estates/:id', path);
  if (estate) return { section: 'registry', page: <EstateDetail id={estate.id} /> };
  const matter = match('/voting/:id', path);
  if (matter && sections.includes('voting')) return { section: 'voting', page: <MatterDetail id={matter.id} /> };
  if (path.startsWith('/finance/fund/') && sections.includes('fund')) return { section: 'fund', page: <FundPage /> };
  // The desk's other tabs (/finance/bills, /arrears, /refunds, /prices); the owners' side reach prices by its menu.
  const financeTab = financeTabOf(path);
  if (financeTab && sections.includes('finance')) return { section: 'finance', page: <FinancePage tab={financeTab} /> };
  // Receipts are read by the desk and by regulators; the server decides whose.
  const receipt = match('/finance/receipts/:id', path);
  if (receipt)
    return { section: sections.includes('finance') ? 'finance' : null, page: <ReceiptPage id={receipt.id} /> };
  const company = match('/companies/:id', path);
  if (company)
    return {
      section: sections.includes('companies') ? 'companies' : 'company',
      page: <CompanyDetail id={company.id} />,
    };
  return { section: null, page: null };
}

export function AdminLayout({ me }: { me: Me }) {
  const { t } = useI18n();
  const label = useLabel();
  const { logout } = useSession();
  const { path } = useLocation();
  const sections = sectionsFor(me);
  const { section, page } = route(path, sections);

  const roles = me.bindings.map((b) => `${label('role', b.role)}${b.scopeName ? ` · ${b.scopeName}` : ''}`);
  // On a phone (the inspector's page, say) the roles move from the header into the user menu, so the header fits.
  const narrow = !Grid.useBreakpoint().md;
  const userMenu = {
    items: [
      ...(narrow ? [...roles.map((r) => ({ key: r, label: r, disabled: true })), { type: 'divider' as const }] : []),
      { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') },
      { key: 'logout-all', icon: <LogoutOutlined />, danger: true, label: t('user.logoutAll') },
    ],
    onClick: ({ key }: { key: string }) => logout(key === 'logout-all'),
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={208} theme="dark">
        <div style={{ height: 56, display: 'flex', alignItems: 'center', gap: 8, padding: '0 20px', color: '#fff' }}>
          <Avatar shape="square" size={28} style={{ background: '#1677ff' }}>
            安
          </Avatar>
          <span style={{ fontSize: 17, fontWeight: 600, whiteSpace: 'nowrap' }}>{t('app.short')}</span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={section ? [section] : []}
          onClick={({ key }) => navigate(SECTION_UI[key as Section].path)}
          items={sections.map((s) => ({ key: s, icon: SECTION_UI[s].icon, label: t(SECTION_UI[s].label) }))}
          data-testid="side-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: narrow ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            gap: 16,
            boxShadow: '0 1px 4px rgba(0,21,41,.08)',
          }}
        >
          {!narrow && (
            <Space size={4} wrap style={{ lineHeight: 1.2 }}>
              {roles.map((r) => (
                <Tag color="blue" key={r}>
                  {r}
                </Tag>
              ))}
            </Space>
          )}
          <LangSwitch size="small" />
          <Dropdown menu={userMenu} trigger={['click']}>
            <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
              <Avatar size="small" icon={<UserOutlined />} />
              <Typography.Text strong>{me.displayName}</Typography.Text>
              <DownOutlined style={{ fontSize: 10 }} />
            </Button>
          </Dropdown>
        </Layout.Header>
        {/* On a phone the menu's trigger hangs below the header, over the content's first lines: start below it. */}
        <Layout.Content style={{ margin: narrow ? '52px 12px 12px' : 24 }}>
          {page ?? <Result status="404" title="404" subTitle={t('error.noPage')} />}
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: '#999', padding: '12px 0 20px' }}>
          {t('app.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
