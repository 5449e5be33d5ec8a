import { UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { LangSwitch } from '../components.tsx';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

interface Profile {
  id: string | null;
  name: string;
  phone: string | null;
  idNumber: string | null;
}

/** 我的: who I am (numbers masked even here: others may see the screen), language, sign out. */
export function MyProfile() {
  const { t } = useI18n();
  const { logout } = useSession();
  const { data } = useApi<Profile>('/api/v1/me/profile');
  return (
    <>
      <Card
        style={{
          borderRadius: 12,
          marginBottom: 12,
          background: 'linear-gradient(135deg, #1677ff, #69b1ff)',
          border: 0,
        }}
        styles={{ body: { padding: 20 } }}
      >
        {data ? (
          <div style={{ display: 'flex', alignItems: 'center', gap: 16, color: '#fff' }}>
            <Avatar size={56} icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,.25)' }} />
            <div>
              <div style={{ fontSize: 20, fontWeight: 600 }}>{data.name}</div>
              <div style={{ opacity: 0.85, marginTop: 4 }}>{data.phone ?? ''}</div>
            </div>
          </div>
        ) : (
          <Skeleton avatar active />
        )}
      </Card>
      <Card style={{ borderRadius: 12, marginBottom: 24 }} styles={{ body: { padding: 0 } }}>
        <Row label={t('h5.phone')} value={data?.phone ?? '—'} />
        <Row label={t('h5.idNumber')} value={data?.idNumber ?? '—'} />
        <Row label={t('h5.language')} value={<LangSwitch />} last />
      </Card>
      <Button block size="large" danger style={{ height: 48, borderRadius: 12 }} onClick={() => logout()}>
        {t('user.logout')}
      </Button>
    </>
  );
}

function Row({ label, value, last }: { label: string; value: ReactNode; last?: boolean }) {
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        minHeight: 52,
        padding: '0 16px',
        borderBottom: last ? 0 : '1px solid #f0f0f0',
        fontSize: 15,
      }}
    >
      <span>{label}</span>
      <span style={{ color: '#666' }}>{value}</span>
    </div>
  );
}
