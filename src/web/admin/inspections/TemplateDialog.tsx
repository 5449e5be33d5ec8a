import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { api } from '../../api.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { SUPERVISION, type Template, type TemplateItem, type TemplateKind } from '../../inspections/types.ts';
import { ActionModal } from '../finance/ActionModal.tsx';

interface Values {
  name: string;
  kind: TemplateKind;
  items: Omit<TemplateItem, 'code'>[];
}
const KINDS: TemplateKind[] = ['custom', 'environment', 'elevator', 'fire'];
const blankItem = { text: '', maxScore: 10, photoRequired: false, legalBasis: '', days: 7 };

/**
 * A new checklist: its items, each with a maximum score, whether a photo is required, its basis and days. Given a
 * `template`, edits it instead: the server saves the edit as a new version and retires the old one (inspections
 * already planned keep it), so the kind stays.
 */
export function TemplateDialog(props: { template?: Template; onClose(): void; onDone(): void }) {
  const editing = props.template;
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const required = [{ required: true, whitespace: true, message: t('insp.required') }];
  const submit = async () => {
    const v = await form.validateFields();
    // Codes are internal: item_1, item_2… in the order shown.
    const items = v.items.map((x, i) => ({
      code: `item_${i + 1}`,
      text: x.text.trim(),
      maxScore: x.maxScore,
      photoRequired: !!x.photoRequired,
      legalBasis: x.legalBasis.trim(),
      days: x.days,
    }));
    if (editing) {
      await api(`${SUPERVISION}/inspection-templates/${editing.id}`, {
        method: 'PUT',
        quiet: true,
        body: { name: v.name.trim(), items },
      });
      message.success(t('insp.templateSaved'));
    } else {
      await api(`${SUPERVISION}/inspection-templates`, {
        quiet: true,
        body: { name: v.name.trim(), kind: v.kind, items },
      });
      message.success(t('insp.templateCreated'));
    }
    props.onDone();
  };
  return (
    <ActionModal
      title={editing ? `${t('insp.editTemplate')}：${editing.name}` : t('insp.newTemplate')}
      onOk={submit}
      onClose={props.onClose}
      errorId="template-error"
    >
      {editing && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('insp.editAsVersion')} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? { name: editing.name, kind: editing.kind, items: editing.items.map(({ code: _, ...x }) => x) }
            : { kind: 'custom', items: [blankItem] }
        }
        data-testid="template-form"
      >
        <Form.Item name="name" label={t('insp.templateName')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('insp.kind')}>
          <Select disabled={!!editing} options={KINDS.map((k) => ({ value: k, label: label('inspKind', k) }))} />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`${t('insp.items')} ${i + 1}`}
                  style={{ marginBottom: 12 }}
                  data-testid={`template-item-${i}`}
                  extra={
                    fields.length > 1 && (
                      <Button size="small" type="link" danger onClick={() => remove(f.name)}>
                        {t('insp.removeItem')}
                      </Button>
                    )
                  }
                >
                  <Form.Item name={[f.name, 'text']} label={t('insp.itemText')} rules={required}>
                    <Input.TextArea rows={2} maxLength={500} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'legalBasis']} label={t('insp.legalBasis')} rules={required}>
                    <Input maxLength={500} />
                  </Form.Item>
                  <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
                    <Form.Item name={[f.name, 'maxScore']} label={t('insp.maxScore')} rules={[{ required: true }]}>
                      <InputNumber min={1} max={1000} precision={0} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'days']} label={t('insp.days')} rules={[{ required: true }]}>
                      <InputNumber min={1} max={365} precision={0} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'photoRequired']} label=" " valuePropName="checked">
                      <Checkbox>{t('insp.photoRequired')}</Checkbox>
                    </Form.Item>
                  </div>
                </Card>
              ))}
              <Button block type="dashed" onClick={() => add(blankItem)} disabled={fields.length >= 200}>
                {t('insp.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </ActionModal>
  );
}
