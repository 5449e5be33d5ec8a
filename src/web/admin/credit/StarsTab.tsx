import { Alert, App, Button, Form, Input, Rate, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { LoadMore } from '../../components.tsx';
import { CREDIT, type CreditSettings, type RatingInForce, type StarRating, todayIso } from '../../credit/types.ts';
import { useApi, useCursorList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { EstateSelect } from '../EstateSelect.tsx';
import { ActionModal } from '../finance/ActionModal.tsx';

const stars = '/api/v1/supervision/estate-stars';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 星级评定 for the housing authorities: an estate's ratings, newest first; award a new one (it replaces the one in
 * force) or revoke one with a reason. The server refuses while the city has not switched star ratings on.
 */
export function StarsTab() {
  const { t } = useI18n();
  const settings = useApi<CreditSettings>(`${CREDIT}/settings`);
  const [estateId, setEstateId] = useState<string | null>(null);
  const history = useApi<StarRating[]>(estateId ? `/api/v1/supervision/estates/${estateId}/stars` : null);
  const [awarding, setAwarding] = useState(false);
  const [revoking, setRevoking] = useState<StarRating | null>(null);
  const today = todayIso();
  const done = (close: () => void) => () => {
    close();
    history.reload();
  };
  return (
    <>
      {settings.data && !settings.data.starRatings && (
        <Alert type="warning" showIcon title={t('credit.starsOff')} style={{ marginBottom: 16 }} />
      )}
      <Space style={{ marginBottom: 16 }} wrap>
        <EstateSelect<string>
          style={{ width: 320 }}
          placeholder={t('credit.pickEstate')}
          value={estateId ?? undefined}
          onChange={(id) => setEstateId(id ?? null)}
          allowClear
          testId="stars-estate"
        />
        {estateId && (
          <Button type="primary" onClick={() => setAwarding(true)}>
            {t('credit.award')}
          </Button>
        )}
      </Space>
      {!estateId && <RatingsInForce onOpen={setEstateId} />}
      {estateId && (
        <Table<StarRating>
          rowKey="id"
          size="small"
          pagination={false}
          loading={history.loading}
          dataSource={history.data ?? []}
          locale={{ emptyText: t('credit.noStars') }}
          data-testid="stars-history"
          columns={[
            {
              title: t('credit.stars'),
              dataIndex: 'stars',
              render: (n: number) => (
                <Space size={4}>
                  <Rate disabled value={n} style={{ fontSize: 14 }} />
                  {t('credit.starsN', { n })}
                </Space>
              ),
            },
            { title: t('credit.awardedOn'), dataIndex: 'awardedOn' },
            { title: t('credit.validUntil'), dataIndex: 'validUntil' },
            { title: t('credit.basis'), dataIndex: 'basis', ellipsis: true },
            {
              title: t('credit.state'),
              key: 'state',
              render: (_: unknown, r) =>
                r.revokedOn ? (
                  <Space direction="vertical" size={0}>
                    <Tag>{t('credit.starsRevoked', { date: r.revokedOn })}</Tag>
                    <Typography.Text type="secondary">{r.revokedReason}</Typography.Text>
                  </Space>
                ) : r.validUntil < today ? (
                  <Tag>{t('credit.starsExpired')}</Tag>
                ) : (
                  <Tag color="green">{t('credit.starsInForce')}</Tag>
                ),
            },
            {
              title: t('credit.actions'),
              key: 'actions',
              render: (_: unknown, r) =>
                !r.revokedOn && (
                  <Button size="small" danger onClick={() => setRevoking(r)}>
                    {t('credit.revoke')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      {awarding && estateId && (
        <AwardDialog estateId={estateId} onClose={() => setAwarding(false)} onDone={done(() => setAwarding(false))} />
      )}
      {revoking && (
        <RevokeDialog rating={revoking} onClose={() => setRevoking(null)} onDone={done(() => setRevoking(null))} />
      )}
    </>
  );
}

/** The ratings in force in the region, most stars first; one opens its estate's history. */
function RatingsInForce({ onOpen }: { onOpen(estateId: string): void }) {
  const { t } = useI18n();
  const list = useCursorList<RatingInForce>(stars, {});
  return (
    <>
      <Typography.Title level={5}>{t('credit.inForceTitle')}</Typography.Title>
      <Table<RatingInForce>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.loading && !list.items.length}
        dataSource={list.items}
        locale={{ emptyText: t('credit.noneInForce') }}
        data-testid="stars-in-force"
        columns={[
          { title: t('credit.estate'), dataIndex: 'estate' },
          {
            title: t('credit.stars'),
            dataIndex: 'stars',
            render: (n: number) => <Rate disabled value={n} style={{ fontSize: 14 }} />,
          },
          { title: t('credit.awardedOn'), dataIndex: 'awardedOn' },
          { title: t('credit.validUntil'), dataIndex: 'validUntil' },
          { title: t('credit.basis'), dataIndex: 'basis', ellipsis: true },
          {
            title: t('credit.actions'),
            key: 'open',
            render: (_: unknown, r) => (
              <Button size="small" type="link" onClick={() => onOpen(r.estateId)}>
                {t('credit.history')}
              </Button>
            ),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} count={list.items.length} />
    </>
  );
}

function AwardDialog(props: { estateId: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    await api(stars, {
      quiet: true,
      body: {
        estateId: props.estateId,
        stars: v.stars,
        awardedOn: v.awardedOn,
        ...(v.validUntil ? { validUntil: v.validUntil } : {}),
        basis: v.basis,
      },
    });
    message.success(t('credit.awarded'));
    props.onDone();
  };
  const required = { required: true, message: t('credit.required') };
  return (
    <ActionModal title={t('credit.award')} onOk={submit} onClose={props.onClose} errorId="award-error">
      <Form form={form} layout="vertical" initialValues={{ awardedOn: todayIso() }} data-testid="award-form">
        <Form.Item name="stars" label={t('credit.stars')} rules={[required]}>
          <Rate count={5} allowClear={false} />
        </Form.Item>
        <Form.Item name="awardedOn" label={t('credit.awardedOn')} rules={[required, { pattern: DAY }]}>
          <Input placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item
          name="validUntil"
          label={t('credit.validUntil')}
          extra={t('credit.validUntilHint')}
          rules={[{ pattern: DAY }]}
        >
          <Input placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="basis" label={t('credit.basis')} rules={[required]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('credit.basisHint')} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

function RevokeDialog(props: { rating: StarRating; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    await api(`${stars}/${props.rating.id}/revoke`, { quiet: true, body: { reason: v.reason } });
    message.success(t('credit.revokedDone'));
    props.onDone();
  };
  return (
    <ActionModal title={t('credit.revokeTitle')} danger onOk={submit} onClose={props.onClose} errorId="revoke-error">
      <Typography.Paragraph>
        {t('credit.starsN', { n: props.rating.stars })} · {props.rating.awardedOn} · {props.rating.basis}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="revoke-form">
        <Form.Item
          name="reason"
          label={t('credit.revokeReason')}
          rules={[{ required: true, message: t('credit.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
