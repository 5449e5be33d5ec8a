import { Form, Input, InputNumber, Radio } from 'antd';
import { useEffect } from 'react';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Committee } from '../../types.ts';
import { CandidatesField } from './CandidatesField.tsx';

/**
 * An election's kind, seats and candidates: 换届选举 seats a new committee (an odd number of seats, 3 to 11); 补选
 * fills vacancies of the committee in office, whose id the matter then carries.
 */
export function ElectionFields({ estateId }: { estateId?: string }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const kind = Form.useWatch('electionKind', form);
  const committees = useApi<Committee[]>(estateId ? `/api/v1/estates/${estateId}/committees` : null).data;
  const active = committees?.find((c) => c.status === 'active' && c.estateId === estateId);
  const byElection = kind === 'by_election' && !!active;

  const committeeId = byElection ? active.id : undefined;
  useEffect(() => form.setFieldValue('committeeId', committeeId), [committeeId, form]);
  // A by-election usually fills one seat; an election most often five. Only a change of kind resets it.
  useEffect(() => form.setFieldValue('seats', byElection ? 1 : 5), [byElection, form]);

  const odd = (_: unknown, v?: number) =>
    byElection || !v || v % 2 === 1 ? Promise.resolve() : Promise.reject(new Error(t('vote.seatsOdd')));
  return (
    <>
      <Form.Item name="electionKind" label={t('vote.electionKind')} initialValue="election">
        <Radio.Group
          options={[
            { value: 'election', label: t('vPurpose.election') },
            { value: 'by_election', label: t('vPurpose.by_election'), disabled: !active },
          ]}
        />
      </Form.Item>
      <Form.Item name="committeeId" hidden>
        <Input />
      </Form.Item>
      <Form.Item
        name="seats"
        label={t('vote.seats')}
        rules={[{ required: true, message: t('vote.required') }, { validator: odd }]}
        extra={
          byElection
            ? t('vote.byElectionHint', { term: `${active.termStart ?? '—'} ~ ${active.termEnd ?? '—'}` })
            : t('vote.seatsHint')
        }
      >
        <InputNumber min={byElection ? 1 : 3} max={byElection ? 21 : 11} step={byElection ? 1 : 2} precision={0} />
      </Form.Item>
      <CandidatesField />
    </>
  );
}
