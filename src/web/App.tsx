import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { AdminLayout } from './admin/AdminLayout.tsx';
import { installApiHooks } from './api.ts';
import { H5Layout } from './h5/H5Layout.tsx';
import { I18nProvider, useI18n } from './i18n.tsx';
import { DevInbox } from './pages/DevInbox.tsx';
import { Login } from './pages/Login.tsx';
import { PublicCompany, PublicEstate } from './pages/PublicCompany.tsx';
import { PublicCredit } from './pages/PublicCredit.tsx';
import { PublicPortal } from './pages/PublicPortal.tsx';
import { PublicVote } from './pages/PublicVote.tsx';
import { homeOf, isResident } from './roles.ts';
import { match, navigate, useLocation } from './router.tsx';
import { SessionProvider, useSession } from './session.tsx';

/** Pages anyone may open without signing in. */
const PUBLIC_PATHS = ['/login', '/dev/inbox', '/public'];
const isPublic = (path: string) => PUBLIC_PATHS.includes(path) || path.startsWith('/public/');

export function App() {
  return (
    <I18nProvider>
      <Localised />
    </I18nProvider>
  );
}

function Localised() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
    >
      <AntApp>
        <SessionProvider>
          <ApiBridge />
          <Routes />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** Gives api.ts antd's message (which needs the React context) and the sign-in redirect. */
function ApiBridge() {
  const { message } = AntApp.useApp();
  const { forget } = useSession();
  useEffect(() => {
    installApiHooks({
      showError: (text) => message.error(text),
      unauthenticated: () => {
        forget();
        if (!isPublic(window.location.pathname)) navigate('/login', { replace: true });
      },
    });
  }, [message, forget]);
  return null;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Routes() {
  const { me } = useSession();
  const { path } = useLocation();
  if (path === '/dev/inbox') return <DevInbox />;
  const publicVote = match('/public/votes/:id', path);
  if (publicVote) return <PublicVote id={publicVote.id} />;
  if (path === '/public/credit') return <PublicCredit />;
  if (path === '/public') return <PublicPortal />;
  const publicCompany = match('/public/companies/:id', path);
  if (publicCompany) return <PublicCompany id={publicCompany.id} />;
  const publicEstate = match('/public/estates/:id', path);
  if (publicEstate) return <PublicEstate id={publicEstate.id} />;
  if (me === undefined) return <Spin fullscreen />;
  if (path === '/login') return me ? <Redirect to={homeOf(me)} /> : <Login />;
  if (!me) return <Redirect to="/login" />;
  if (isResident(me)) return path.startsWith('/h5') ? <H5Layout /> : <Redirect to="/h5" />;
  if (path.startsWith('/h5')) return <Redirect to="/" />;
  return <AdminLayout me={me} />;
}
