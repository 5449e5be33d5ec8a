import { AuditOutlined, FileTextOutlined, HomeOutlined, ToolOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { match, navigate, useLocation } from '../router.tsx';
import { MyBills } from './MyBills.tsx';
import { MyFund } from './MyFund.tsx';
import { MyProfile } from './MyProfile.tsx';
import { MyReceipt } from './MyReceipt.tsx';
import { MyTickets } from './MyTickets.tsx';
import { MyUnits } from './MyUnits.tsx';
import { MyPublicRevenue } from './PublicRevenue.tsx';
import { ReportRepair } from './ReportRepair.tsx';
import { TicketView } from './TicketView.tsx';
import { Votes } from './Votes.tsx';
import { VoteView } from './VoteView.tsx';

const TABS: { path: string; icon: ReactNode; label: MessageKey; page: () => ReactNode }[] = [
  { path: '/h5', icon: <HomeOutlined />, label: 'h5.myUnits', page: () => <MyUnits /> },
  { path: '/h5/report', icon: <ToolOutlined />, label: 'h5.report', page: () => <ReportRepair /> },
  { path: '/h5/tickets', icon: <FileTextOutlined />, label: 'h5.myTickets', page: () => <MyTickets /> },
  { path: '/h5/votes', icon: <AuditOutlined />, label: 'h5.votes', page: () => <Votes /> },
  { path: '/h5/me', icon: <UserOutlined />, label: 'h5.me', page: () => <MyProfile /> },
];

/** Pages below a tab (the tab stays lit): a ticket, a vote, the bills and receipts reached from 我的房屋. */
const SUB_PAGES: { pattern: string; tab: number; title: MessageKey; page: (p: Record<string, string>) => ReactNode }[] =
  [
    { pattern: '/h5/tickets/:id', tab: 2, title: 'h5.ticket', page: (p) => <TicketView id={p.id} /> },
    { pattern: '/h5/votes/:id', tab: 3, title: 'h5.vote', page: (p) => <VoteView id={p.id} /> },
    { pattern: '/h5/bills', tab: 0, title: 'h5.bills', page: () => <MyBills /> },
    { pattern: '/h5/fund', tab: 0, title: 'h5.fund', page: () => <MyFund /> },
    { pattern: '/h5/receipts/:id', tab: 0, title: 'h5.receipt', page: (p) => <MyReceipt id={p.id} /> },
    { pattern: '/h5/public-revenue', tab: 0, title: 'h5.publicRevenue', page: () => <MyPublicRevenue /> },
  ];

/**
 * The resident area: a phone-width column with a title bar and a bottom tab bar, laid out like the
 * WeChat mini-programs residents already use (big touch targets, cards on a grey page).
 */
export function H5Layout() {
  const { t } = useI18n();
  const { path } = useLocation();
  const sub = SUB_PAGES.map((s) => ({ ...s, params: match(s.pattern, path) })).find((s) => s.params);
  const tab = sub ? TABS[sub.tab] : (TABS.find((x) => x.path === path) ?? TABS[0]);
  const title: MessageKey = sub ? sub.title : tab.label;
  const page = sub?.params ? sub.page(sub.params) : tab.page();
  return (
    <div
      style={{
        maxWidth: 480,
        margin: '0 auto',
        minHeight: '100vh',
        background: '#f5f6f8',
        position: 'relative',
        boxShadow: '0 0 12px rgba(0,0,0,.06)',
      }}
    >
      <header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          height: 48,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          background: '#fff',
          fontSize: 17,
          fontWeight: 600,
          borderBottom: '1px solid #eee',
        }}
      >
        {t(title)}
      </header>
      <main style={{ padding: '12px 12px 88px' }}>{page}</main>
      <nav
        style={{
          position: 'fixed',
          bottom: 0,
          left: '50%',
          transform: 'translateX(-50%)',
          width: '100%',
          maxWidth: 480,
          display: 'flex',
          background: '#fff',
          borderTop: '1px solid #eee',
          paddingBottom: 'env(safe-area-inset-bottom)',
          zIndex: 10,
        }}
        data-testid="h5-tabbar"
      >
        {TABS.map((x) => {
          const active = x === tab;
          return (
            <button
              key={x.path}
              type="button"
              onClick={() => navigate(x.path)}
              style={{
                flex: 1,
                height: 60,
                border: 0,
                background: 'none',
                cursor: 'pointer',
                color: active ? '#1677ff' : '#666',
                display: 'flex',
                flexDirection: 'column',
                alignItems: 'center',
                justifyContent: 'center',
                gap: 2,
                fontSize: 12,
              }}
            >
              <span style={{ fontSize: 22 }}>{x.icon}</span>
              {t(x.label)}
            </button>
          );
        })}
      </nav>
    </div>
  );
}
