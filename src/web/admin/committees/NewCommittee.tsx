import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, query } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Page, Person } from '../../types.ts';

const AFFILIATIONS = ['owner', 'street', 'community', 'other'] as const;
const POSITIONS = ['director', 'deputy_director', 'member'] as const;
type Kind = 'owners_committee' | 'management_committee';
interface Values {
  kind: Kind;
  term: [Dayjs, Dayjs];
  members: { affiliation: (typeof AFFILIATIONS)[number]; personId?: string; name?: string; position: string }[];
}

/**
 * 登记委员会: an owners' committee seated before the platform, or a 物业管理委员会 the street office sets up where
 * none can be elected — officials and community staff by name, owners chosen from the register.
 */
export function NewCommittee(props: { estateId: string; onClose(): void; onCreated(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);
  const members = Form.useWatch('members', form) ?? [];
  const required = [{ required: true, message: t('vote.required') }];

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await api(`/api/v1/estates/${props.estateId}/committees`, {
        body: {
          kind: v.kind,
          termStart: v.term[0].format('YYYY-MM-DD'),
          termEnd: v.term[1].format('YYYY-MM-DD'),
          members: v.members.map((m) => {
            const owner = v.kind === 'owners_committee' || m.affiliation === 'owner';
            return owner
              ? { personId: m.personId, affiliation: 'owner', position: m.position }
              : { name: m.name?.trim(), affiliation: m.affiliation, position: m.position };
          }),
        },
      });
      message.success(t('committee.created'));
      props.onCreated();
    } catch {
      // api() has shown why (not an owner here, not exactly one director, term too long…).
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open width={760} title={t('committee.new')} onOk={submit} confirmLoading={busy} onCancel={props.onClose}>
      <Alert type="info" showIcon title={t('committee.newHint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        data-testid="new-committee-form"
        initialValues={{
          kind: 'management_committee',
          members: [{ affiliation: 'street', position: 'director' }],
        }}
      >
        <Form.Item name="kind" label={t('committee.kind')}>
          <Radio.Group
            options={(['management_committee', 'owners_committee'] as const).map((k) => ({
              value: k,
              label: t(`committeeKind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="term" label={t('committee.term')} rules={required}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <Form.Item label={t('committee.members')}>
              {fields.map((f) => {
                const owner = kind === 'owners_committee' || members[f.name]?.affiliation === 'owner';
                return (
                  <Space key={f.key} align="start" style={{ display: 'flex' }} data-testid="committee-member-row">
                    {kind !== 'owners_committee' && (
                      <Form.Item name={[f.name, 'affiliation']} rules={required} initialValue="owner">
                        <Select
                          style={{ width: 120 }}
                          aria-label={t('committee.affiliation')}
                          options={AFFILIATIONS.map((a) => ({ value: a, label: t(`cAffiliation.${a}`) }))}
                        />
                      </Form.Item>
                    )}
                    {owner ? (
                      <Form.Item name={[f.name, 'personId']} rules={required}>
                        <OwnerSelect estateId={props.estateId} />
                      </Form.Item>
                    ) : (
                      <Form.Item name={[f.name, 'name']} rules={required}>
                        <Input placeholder={t('committee.name')} style={{ width: 260 }} maxLength={50} />
                      </Form.Item>
                    )}
                    <Form.Item name={[f.name, 'position']} rules={required} initialValue="member">
                      <Select
                        style={{ width: 110 }}
                        aria-label={t('committee.position')}
                        options={POSITIONS.map((p) => ({ value: p, label: t(`position.${p}`) }))}
                      />
                    </Form.Item>
                    {fields.length > 1 && (
                      <MinusCircleOutlined style={{ marginTop: 9 }} onClick={() => remove(f.name)} />
                    )}
                  </Space>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {t('committee.addMember')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** An owner of the estate, found by name; the value is their person id. */
function OwnerSelect(props: { estateId: string; value?: string; onChange?(v: string): void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const owners = useApi<Page<Person>>(`/api/v1/owners?${query({ estateId: props.estateId, q: q.trim(), limit: 20 })}`);
  return (
    <Select
      style={{ width: 260 }}
      value={props.value}
      onChange={props.onChange}
      placeholder={t('committee.owner')}
      aria-label={t('cAffiliation.owner')}
      loading={owners.loading}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={(owners.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}（${p.units.map((u) => `${u.buildingName} ${u.number}`).join('、')}）`,
      }))}
    />
  );
}
