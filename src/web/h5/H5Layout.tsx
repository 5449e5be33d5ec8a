import { AuditOutlined, FileTextOutlined, HomeOutlined, ToolOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { match, navigate, useLocation } from '../router.tsx';
import { MyProfile } from './MyProfile.tsx';
import { MyTickets } from './MyTickets.tsx';
import { MyUnits } from './MyUnits.tsx';
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

/**
 * The resident area: a phone-width column with a title bar and a bottom tab bar, laid out like the
 * WeChat mini-programs residents already use (big touch targets, cards on a grey page).
 */
export function H5Layout() {
  const { t } = useI18n();
  const { path } = useLocation();
  const ticket = match('/h5/tickets/:id', path);
  const vote = match('/h5/votes/:id', path);
  const tab = ticket ? TABS[2] : vote ? TABS[3] : (TABS.find((x) => x.path === path) ?? TABS[0]);
  const title: MessageKey = ticket ? 'h5.ticket' : vote ? 'h5.vote' : tab.label;
  const page = ticket ? <TicketView id={ticket.id} /> : vote ? <VoteView id={vote.id} /> : tab.page();
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
