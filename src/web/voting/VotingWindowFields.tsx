import { DatePicker, Form, Space } from 'antd';
import type { Dayjs } from 'dayjs';

const TIME_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/**
 * The two fields that set when an owners' vote opens and closes (form fields `opensAt`, `closesAt`), the close
 * checked to be after the opening. Used wherever a page drafts a vote for its own purpose (a fund use, a price).
 */
export function VotingWindowFields(p: {
  opensLabel: string;
  closesLabel: string;
  required: string;
  testIdPrefix: string;
}) {
  const requiredDate = [{ required: true, message: p.required }];
  return (
    <Space size="large" wrap>
      <Form.Item name="opensAt" label={p.opensLabel} rules={requiredDate}>
        <DatePicker showTime format={TIME_FORMAT} data-testid={`${p.testIdPrefix}-opens-at`} />
      </Form.Item>
      <Form.Item
        name="closesAt"
        label={p.closesLabel}
        dependencies={['opensAt']}
        rules={[
          ...requiredDate,
          ({ getFieldValue }) => ({
            validator: async (_, v: Dayjs | undefined) => {
              const opens = getFieldValue('opensAt') as Dayjs | undefined;
              if (v && opens && !v.isAfter(opens)) throw new Error(`${p.closesLabel} > ${p.opensLabel}`);
            },
          }),
        ]}
      >
        <DatePicker showTime format={TIME_FORMAT} data-testid={`${p.testIdPrefix}-closes-at`} />
      </Form.Item>
    </Space>
  );
}
