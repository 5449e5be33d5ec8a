import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { rolesOf } from '../../roles.ts';
import { navigate } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import type { Committee } from '../../types.ts';
import { MATTERS, RULES, type Rules } from '../../voting/types.ts';

interface Values {
  title: string;
  body: string;
  proposerKind: string;
  opensAt: Dayjs;
  closesAt: Dayjs;
}

/** Who proposes, by the organiser's role: the committee reviews itself unless the street or community calls it. */
const PROPOSER: Record<string, string> = {
  committee_member: 'committee',
  street_office: 'street',
  community: 'community',
};
const PROPOSERS = ['committee', 'street', 'community'] as const;
const TIME_FORMAT = 'YYYY-MM-DD HH:mm';

/**
 * 发起年度述职评议: a draft matter (item 9) about the committee, voting opening after the rules' notice period and
 * lasting a week; the organiser attaches the report on the matter's page, then announces it.
 */
export function StartReview({ committee, onClose }: { committee: Committee; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const rules = useApi<Rules>(`${RULES}/${committee.estateId}`).data;
  const proposerKind =
    rolesOf(me)
      .map((r) => PROPOSER[r])
      .find(Boolean) ?? 'committee';

  useEffect(() => {
    if (!rules) return;
    const opensAt = dayjs().add(rules.noticeDays, 'day').add(1, 'hour').startOf('hour');
    form.setFieldsValue({ opensAt, closesAt: opensAt.add(7, 'day') });
  }, [rules, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !rules) return;
    setBusy(true);
    try {
      const { id } = await api<{ id: string }>(MATTERS, {
        body: {
          estateId: committee.estateId,
          item: 9,
          purpose: 'review',
          committeeId: committee.id,
          title: v.title.trim(),
          body: v.body.trim(),
          proposerKind: v.proposerKind,
          noticeDays: rules.noticeDays,
          opensAt: v.opensAt.toISOString(),
          closesAt: v.closesAt.toISOString(),
        },
      });
      message.success(t('vote.created'));
      navigate(`/voting/${id}`);
    } catch {
      // api() has shown why.
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('vote.required') }];
  return (
    <Modal open width={640} title={t('committee.startReview')} onOk={submit} confirmLoading={busy} onCancel={onClose}>
      <Alert type="info" showIcon title={t('committee.reviewHint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        data-testid="review-form"
        initialValues={{
          title: t('committee.reviewTitle', { year: dayjs().year() }),
          body: t('committee.reviewBody'),
          proposerKind,
        }}
      >
        <Form.Item name="title" label={t('vote.title')} rules={[...required, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label={t('vote.body')} rules={required}>
          <Input.TextArea rows={4} maxLength={20_000} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item name="proposerKind" label={t('vote.proposer')} rules={required}>
            <Select style={{ width: 160 }} options={PROPOSERS.map((p) => ({ value: p, label: t(`vProposer.${p}`) }))} />
          </Form.Item>
          <Form.Item name="opensAt" label={t('vote.opensAt')} rules={required}>
            <DatePicker showTime format={TIME_FORMAT} />
          </Form.Item>
          <Form.Item name="closesAt" label={t('vote.closesAt')} rules={required}>
            <DatePicker showTime format={TIME_FORMAT} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
