import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Estate } from '../../types.ts';
import { ELECTION_ITEM, ITEMS, MATTERS, RULES, type Rules } from '../../voting/types.ts';
import { EstateSelect } from '../EstateSelect.tsx';
import { ElectionFields } from './ElectionFields.tsx';

interface Values {
  estateId: string;
  item: number;
  title: string;
  body: string;
  proposerKind: string;
  noticeDays: number;
  opensAt: Dayjs;
  closesAt: Dayjs;
  seats?: number;
  /** A by-election: the committee in office whose vacancies it fills. */
  committeeId?: string;
  candidates?: { unit: string; nomination: string; statement?: string }[];
  /** One unit label a line. */
  petitionUnits?: string;
}

const PROPOSERS = ['committee', 'petition', 'street', 'community'] as const;
const TIME_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** 发起表决: a draft matter; for an election (item 3) also its kind, seats and candidates. */
export function NewMatter(props: { only?: Estate; onClose(): void; onCreated(id: string): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const item = Form.useWatch('item', form);
  const estateId = Form.useWatch('estateId', form);
  const proposerKind = Form.useWatch('proposerKind', form);
  const required = [{ required: true, message: t('vote.required') }];
  // The estate's 议事规则 set the shortest notice the server accepts; start from it.
  const rules = useApi<Rules>(estateId ? `${RULES}/${estateId}` : null).data;
  const minNotice = rules?.estateId === estateId ? rules?.noticeDays : undefined;
  useEffect(() => {
    if (minNotice !== undefined) form.setFieldValue('noticeDays', minNotice);
  }, [minNotice, form]);

  // Someone who looks after a single estate need not pick it.
  useEffect(() => {
    if (props.only && !form.getFieldValue('estateId')) form.setFieldValue('estateId', props.only.id);
  }, [props.only, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const election = v.item === ELECTION_ITEM;
      const { id } = await api<{ id: string }>(MATTERS, {
        body: {
          estateId: v.estateId,
          item: v.item,
          title: v.title.trim(),
          body: v.body.trim(),
          proposerKind: v.proposerKind,
          ...(v.proposerKind === 'petition' ? { petitionUnits: lines(v.petitionUnits) } : {}),
          noticeDays: v.noticeDays,
          opensAt: v.opensAt.toISOString(),
          closesAt: v.closesAt.toISOString(),
          ...(election ? { seats: v.seats, candidates: v.candidates ?? [] } : {}),
          ...(election && v.committeeId ? { committeeId: v.committeeId } : {}),
        },
      });
      message.success(t('vote.created'));
      props.onCreated(id);
    } catch {
      // api() has shown the server's reason.
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('vote.new')} width={720} onCancel={props.onClose} onOk={submit} confirmLoading={busy}>
      <Form form={form} layout="vertical" initialValues={{ proposerKind: 'committee' }} data-testid="new-matter-form">
        <Form.Item name="estateId" label={t('vote.estate')} rules={required}>
          <EstateSelect<string> testId="estate-select" />
        </Form.Item>
        <Form.Item name="item" label={t('vote.item')} rules={required}>
          <Select
            data-testid="item-select"
            options={ITEMS.map((i) => ({ value: i, label: `${i}. ${t(`vItem.${i}`)}` }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('vote.title')} rules={[...required, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label={t('vote.body')} rules={required}>
          <Input.TextArea rows={4} maxLength={20_000} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="proposerKind" label={t('vote.proposer')} rules={required}>
            <Select style={{ width: 160 }} options={PROPOSERS.map((p) => ({ value: p, label: t(`vProposer.${p}`) }))} />
          </Form.Item>
          <Form.Item
            name="noticeDays"
            label={t('vote.noticeDays')}
            rules={required}
            extra={minNotice !== undefined && t('vote.noticeMin', { days: minNotice })}
          >
            <InputNumber min={minNotice ?? 0} max={90} precision={0} />
          </Form.Item>
          <Form.Item name="opensAt" label={t('vote.opensAt')} rules={required}>
            <DatePicker showTime format={TIME_FORMAT} data-testid="opens-at" />
          </Form.Item>
          <Form.Item name="closesAt" label={t('vote.closesAt')} rules={required}>
            <DatePicker showTime format={TIME_FORMAT} data-testid="closes-at" />
          </Form.Item>
        </Space>
        {proposerKind === 'petition' && (
          <Form.Item
            name="petitionUnits"
            label={t('vote.petitionUnits')}
            rules={required}
            extra={t('vote.petitionHint')}
          >
            <Input.TextArea rows={4} placeholder={'1号楼 101\n1号楼 102'} data-testid="petition-units" />
          </Form.Item>
        )}
        {item === ELECTION_ITEM && <ElectionFields estateId={estateId} />}
      </Form>
    </Modal>
  );
}

/** The non-empty lines of a textarea, trimmed. */
const lines = (text = '') =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
