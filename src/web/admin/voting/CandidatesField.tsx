import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space } from 'antd';
import { useI18n } from '../../i18n.tsx';

const NOMINATIONS = ['committee', 'owners', 'street', 'self'] as const;

/**
 * An election's candidates, each named by a unit they own: the server finds the owner, so a candidate is always
 * someone on the register and two people with the same name cannot be confused.
 */
export function CandidatesField() {
  const { t } = useI18n();
  const required = [{ required: true, message: t('vote.required') }];
  return (
    <Form.List name="candidates">
      {(fields, { add, remove }) => (
        <Form.Item label={t('vote.candidates')} extra={t('vote.candidateHint')}>
          {fields.map((f) => (
            <Space key={f.key} align="start" style={{ display: 'flex' }} data-testid="candidate-row">
              <Form.Item name={[f.name, 'unit']} rules={required}>
                <Input placeholder={t('vote.candidateUnit')} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'nomination']} rules={required} initialValue="owners">
                <Select
                  style={{ width: 130 }}
                  aria-label={t('vote.nomination')}
                  options={NOMINATIONS.map((n) => ({ value: n, label: t(`vNomination.${n}`) }))}
                />
              </Form.Item>
              <Form.Item name={[f.name, 'statement']}>
                <Input placeholder={t('vote.statement')} style={{ width: 240 }} />
              </Form.Item>
              <MinusCircleOutlined style={{ marginTop: 9 }} onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
            {t('vote.addCandidate')}
          </Button>
        </Form.Item>
      )}
    </Form.List>
  );
}
