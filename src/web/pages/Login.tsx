import { LockOutlined, MobileOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { LangSwitch } from '../components.tsx';
import { useI18n } from '../i18n.tsx';
import { homeOf } from '../roles.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { Me } from '../types.ts';

const DEMO_USERS = [
  'city.admin',
  'jiangnan.admin',
  'wangjiang.street',
  'wangjiang.community',
  'dept.chengguan',
  'company.admin',
  'company.staff',
  'project.manager',
  'committee.member',
];
const DEMO_PASSWORD = 'Anju@2026';
const DEMO_PHONE = '13800000001';
/** The server refuses a second code for the same phone within a minute. */
const RESEND_SECONDS = 60;

export function Login() {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [passwordForm] = Form.useForm();
  const [otpForm] = Form.useForm();

  async function run(call: () => Promise<Me>) {
    setBusy(true);
    setError(null);
    try {
      const me = await call();
      signedIn(me);
      navigate(homeOf(me), { replace: true });
    } catch (e) {
      // Wrong password, wrong code, or the 429 lockout: the server's message, already in our language.
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  }

  const passwordTab = (
    <Form
      form={passwordForm}
      size="large"
      onFinish={(v) => run(() => api<Me>('/api/v1/auth/login', { body: v, quiet: true }))}
    >
      <Form.Item name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
        <Input prefix={<UserOutlined />} placeholder={t('login.username')} autoComplete="username" />
      </Form.Item>
      <Form.Item name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} placeholder={t('login.password')} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('login.submit')}
      </Button>
    </Form>
  );

  const otpTab = (
    <Form
      form={otpForm}
      size="large"
      onFinish={(v) => run(() => api<Me>('/api/v1/auth/otp/login', { body: v, quiet: true }))}
    >
      <Form.Item name="phone" rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('login.phoneInvalid') }]}>
        <Input prefix={<MobileOutlined />} placeholder={t('login.phone')} maxLength={11} inputMode="numeric" />
      </Form.Item>
      <Form.Item>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="code"
            noStyle
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.codeInvalid') }]}
          >
            <Input prefix={<SafetyOutlined />} placeholder={t('login.code')} maxLength={6} inputMode="numeric" />
          </Form.Item>
          <SendCodeButton form={otpForm} onError={setError} />
        </Space.Compact>
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('login.submit')}
      </Button>
    </Form>
  );

  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(135deg, #e6f4ff 0%, #f0f5ff 50%, #fff 100%)',
        padding: '48px 16px',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LangSwitch />
      </div>
      <div style={{ maxWidth: 420, margin: '0 auto' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={2} style={{ marginBottom: 4 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        <Card>
          {error && (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
          )}
          <Tabs
            centered
            onChange={() => setError(null)}
            items={[
              { key: 'password', label: t('login.tabPassword'), children: passwordTab },
              { key: 'otp', label: t('login.tabOtp'), children: otpTab },
            ]}
          />
        </Card>
        <Card size="small" style={{ marginTop: 16 }} title={t('login.demoTitle')}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('login.demoPassword', { password: DEMO_PASSWORD })}
          </Typography.Paragraph>
          <Space wrap size={[4, 8]}>
            {DEMO_USERS.map((u) => (
              <Tag
                key={u}
                style={{ cursor: 'pointer' }}
                onClick={() => passwordForm.setFieldsValue({ username: u, password: DEMO_PASSWORD })}
              >
                {u}
              </Tag>
            ))}
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t('login.demoResident', { phone: DEMO_PHONE })} <Link to="/dev/inbox">{t('login.devInbox')}</Link>
          </Typography.Paragraph>
        </Card>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/public" data-testid="public-link">
            {t('portal.loginLink')}
          </Link>
        </div>
      </div>
    </div>
  );
}

function SendCodeButton({
  form,
  onError,
}: {
  form: ReturnType<typeof Form.useForm>[0];
  onError(text: string | null): void;
}) {
  const { t } = useI18n();
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  async function send() {
    try {
      await form.validateFields(['phone']);
    } catch {
      return;
    }
    setSending(true);
    onError(null);
    try {
      await api('/api/v1/auth/otp/request', { body: { phone: form.getFieldValue('phone') }, quiet: true });
      setWait(RESEND_SECONDS);
    } catch (e) {
      onError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setSending(false);
    }
  }
  return (
    <Button onClick={send} loading={sending} disabled={wait > 0}>
      {wait > 0 ? t('login.resendIn', { seconds: wait }) : t('login.sendCode')}
    </Button>
  );
}
