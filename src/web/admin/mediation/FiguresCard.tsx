import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { useI18n } from '../../i18n.tsx';
import type { Figures } from '../../mediation/types.ts';
import type { MessageKey } from '../../messages.ts';

/** One stage of the court funnel: its count and its share of those referred. */
function Stage(props: { label: MessageKey; value: number; of: number; id: string; first?: boolean }) {
  const { t } = useI18n();
  const percent = props.of ? Math.round((props.value * 100) / props.of) : 0;
  return (
    <Col flex="1 1 120px" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      {!props.first && <ArrowRightOutlined style={{ color: '#bbb' }} />}
      <div style={{ flex: 1 }}>
        <Statistic title={t(props.label)} value={props.value} data-testid={props.id} />
        <Progress percent={percent} size="small" showInfo={!props.first} />
      </div>
    </Col>
  );
}

/** 调处统计: the ledger's counts, the three levels' settlements and the court docking's funnel, from the API. */
export function FiguresCard({ figures, loading }: { figures: Figures | null | undefined; loading: boolean }) {
  const { t } = useI18n();
  const f = figures;
  return (
    <Card size="small" title={t('med.figures')} style={{ marginBottom: 16 }} data-testid="med-figures">
      {!f && loading && <Skeleton active paragraph={{ rows: 2 }} />}
      {!f && !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('med.noFigures')} />}
      {f && (
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={9}>
            <Row gutter={16}>
              <Col span={8}>
                <Statistic title={t('med.figTotal')} value={f.total} data-testid="fig-total" />
              </Col>
              <Col span={8}>
                <Statistic title={t('med.figOpen')} value={f.open} data-testid="fig-open" />
              </Col>
              <Col span={8}>
                <Statistic title={t('med.figMediated')} value={f.mediated} data-testid="fig-mediated" />
              </Col>
            </Row>
            <Typography.Text type="secondary">
              {t('med.figByLevel', {
                community: f.mediatedCommunity,
                street: f.mediatedStreet,
                district: f.mediatedDistrict,
              })}
            </Typography.Text>
          </Col>
          <Col xs={24} lg={15}>
            <Typography.Text strong>{t('med.funnel')}</Typography.Text>
            <Row gutter={8} wrap={false} style={{ marginTop: 4 }} data-testid="med-funnel">
              <Stage label="med.figReferred" value={f.referred} of={f.referred} id="fig-referred" first />
              <Stage label="med.figFiled" value={f.filed} of={f.referred} id="fig-filed" />
              <Stage label="med.figCourtMediated" value={f.courtMediated} of={f.referred} id="fig-court-mediated" />
              <Stage label="med.figJudged" value={f.judged} of={f.referred} id="fig-judged" />
            </Row>
          </Col>
        </Row>
      )}
    </Card>
  );
}
