import { Alert, App, Form, InputNumber, Modal, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import {
  PUBLIC_REVENUE,
  quarterOf,
  type RevenueSettings,
  type Statement,
  statementUrl,
  todayShanghai,
} from '../../finance/public-revenue.ts';
import { formatFen } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';

/** 设置: whether the community co-manages the account, and how long a spending stays on 公示 before it is paid. */
export function SettingsDialog({
  estateId,
  settings,
  onClose,
  onSaved,
}: {
  estateId: string;
  settings: RevenueSettings;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ coManaged: boolean; publicityDays: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(settings.version);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await api(`${PUBLIC_REVENUE}/settings/${estateId}`, { method: 'PUT', quiet: true, body: { ...v, version } });
      message.success(t('pr.settingsSaved'));
      onSaved();
    } catch (e) {
      const stale = e instanceof ApiError && e.status === 409;
      setError(e instanceof ApiError ? `${e.detail}${stale ? ` ${t('pr.reloaded')}` : ''}` : String(e));
      // Someone saved in between: show what they saved rather than overwrite it.
      if (stale) {
        const book = await api<{ settings: RevenueSettings }>(`${PUBLIC_REVENUE}/estates/${estateId}`);
        form.setFieldsValue({ coManaged: book.settings.coManaged, publicityDays: book.settings.publicityDays });
        setVersion(book.settings.version);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('pr.settingsTitle')}
      okText={t('estate.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={save}
      onCancel={onClose}
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="pr-dialog-error" />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ coManaged: settings.coManaged, publicityDays: settings.publicityDays }}
        data-testid="settings-form"
      >
        <Form.Item name="coManaged" label={t('pr.coManaged')} valuePropName="checked" extra={t('pr.coManagedHint')}>
          <Switch />
        </Form.Item>
        <Form.Item
          name="publicityDays"
          label={t('pr.publicityDays')}
          rules={[{ required: true, type: 'integer', min: 1, max: 90 }]}
          extra={t('pr.publicityDaysHint')}
        >
          <InputNumber min={1} max={90} precision={0} suffix={t('pr.daysSuffix')} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The year's surplus: its four quarters' net income less spending, as the server sums it. */
function useYearSurplus(estateId: string, year: number | null) {
  const [surplus, setSurplus] = useState<number | null>(null);
  useEffect(() => {
    setSurplus(null);
    if (!year) return;
    let live = true;
    Promise.all(
      [1, 2, 3, 4].map((quarter) => api<Statement>(statementUrl(estateId, { year, quarter }), { quiet: true })),
    )
      .then((qs) => live && setSurplus(qs.reduce((s, q) => s + q.incomeNetFen - q.spendingFen, 0)))
      .catch(() => {
        // The preview is a convenience: the server computes the amount itself.
      });
    return () => {
      live = false;
    };
  }, [estateId, year]);
  return surplus;
}

/**
 * 转入维修资金: a share (at least half) of a year's surplus into the maintenance fund, by area; once a year, after
 * the year is over (the year before the server's `now`, in Shanghai, is offered).
 */
export function TransferDialog({
  estateId,
  now,
  onClose,
  onSaved,
}: {
  estateId: string;
  now: string;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ year: number; percent: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const year = Form.useWatch('year', form) ?? null;
  const percent = Form.useWatch('percent', form) ?? null;
  const surplus = useYearSurplus(estateId, year && year >= 2000 && year <= 2100 ? year : null);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ amountFen: number; units: number }>(`${PUBLIC_REVENUE}/transfer-to-fund`, {
        quiet: true,
        body: { estateId, year: v.year, percent: v.percent },
      });
      message.success(t('pr.transferred', { amount: formatFen(r.amountFen), units: r.units }));
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('pr.transferTitle')}
      okText={t('pr.transfer')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={save}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('pr.transferHint')}</Typography.Paragraph>
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="pr-dialog-error" />
      )}
      <Form
        form={form}
        layout="inline"
        initialValues={{ year: quarterOf(todayShanghai(now)).year - 1, percent: 50 }}
        data-testid="transfer-form"
      >
        <Form.Item name="year" label={t('pr.year')} rules={[{ required: true, type: 'integer', min: 2000, max: 2100 }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item
          name="percent"
          label={t('pr.percent')}
          rules={[{ required: true, type: 'integer', min: 50, max: 100 }]}
        >
          <InputNumber min={50} max={100} precision={0} suffix="%" style={{ width: 100 }} />
        </Form.Item>
      </Form>
      {surplus !== null && year && percent && percent >= 50 && percent <= 100 && (
        <Alert
          style={{ marginTop: 16 }}
          type={surplus > 0 ? 'info' : 'warning'}
          showIcon
          title={t('pr.surplus', {
            year,
            surplus: formatFen(surplus),
            amount: formatFen(Math.max(0, Math.floor((surplus * percent) / 100))),
          })}
          data-testid="transfer-preview"
        />
      )}
    </Modal>
  );
}
