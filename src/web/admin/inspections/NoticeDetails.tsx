import { DeleteOutlined } from '@ant-design/icons';
import { Button, Descriptions, Image, Typography } from 'antd';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { evidenceUrl, type Inspection, type Notice, photoUrl, SUPERVISION } from '../../inspections/types.ts';
import { NoticeStateTags } from './NoticeTable.tsx';

/**
 * Photos (the inspector's, or the company's evidence), as thumbnails that open full size; with `onRemove`, each
 * has a button that takes it back.
 */
export function PhotoThumbs({
  ids,
  url = photoUrl,
  testId = 'photos',
  onRemove,
}: {
  ids: string[];
  url?: (id: string) => string;
  testId?: string;
  onRemove?: (id: string) => void;
}) {
  const { t } = useI18n();
  if (!ids.length) return null;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }} data-testid={testId}>
        {ids.map((id) => (
          <div key={id} style={{ position: 'relative' }}>
            <Image src={url(id)} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} />
            {onRemove && (
              <Button
                size="small"
                shape="circle"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('insp.removePhoto')}
                title={t('insp.removePhoto')}
                onClick={() => onRemove(id)}
                style={{ position: 'absolute', top: 4, right: 4 }}
              />
            )}
          </div>
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

/** The photos of one item, from the inspection the notice came from. */
function NoticePhotos({ inspectionId, itemCode }: { inspectionId: string; itemCode: string }) {
  const inspection = useApi<Inspection>(`${SUPERVISION}/inspections/${inspectionId}`);
  return <PhotoThumbs ids={(inspection.data?.photos ?? []).filter((p) => p.itemCode === itemCode).map((p) => p.id)} />;
}

/** The company's evidence photos, newest round first when there were several. */
export function EvidenceThumbs({ evidence }: { evidence: Notice['evidence'] }) {
  const { t } = useI18n();
  const rounds = [...new Set(evidence.map((e) => e.round))].sort((a, b) => b - a);
  if (rounds.length <= 1) return <PhotoThumbs ids={evidence.map((e) => e.id)} url={evidenceUrl} testId="evidence" />;
  return (
    <div data-testid="evidence" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {rounds.map((r) => (
        <div key={r}>
          <Typography.Text type="secondary">{t('insp.rounds', { n: r })}</Typography.Text>
          <PhotoThumbs
            ids={evidence.filter((e) => e.round === r).map((e) => e.id)}
            url={evidenceUrl}
            testId={`evidence-${r}`}
          />
        </div>
      ))}
    </div>
  );
}

/** A 整改通知书 as issued, and what has happened to it since: the answer with its evidence, the re-inspection. */
export function NoticeDetails({ n }: { n: Notice }) {
  const { t } = useI18n();
  return (
    <Descriptions column={1} size="small" bordered data-testid="notice-details">
      <Descriptions.Item label={t('insp.noticeNo')}>{n.noticeNo}</Descriptions.Item>
      <Descriptions.Item label={t('insp.estate')}>{n.estate}</Descriptions.Item>
      <Descriptions.Item label={t('insp.finding')}>{n.finding}</Descriptions.Item>
      <Descriptions.Item label={t('insp.legalBasis')}>{n.legalBasis}</Descriptions.Item>
      <Descriptions.Item label={t('insp.photos')}>
        <NoticePhotos inspectionId={n.inspectionId} itemCode={n.itemCode} />
      </Descriptions.Item>
      <Descriptions.Item label={t('insp.deadline')}>{n.deadline}</Descriptions.Item>
      <Descriptions.Item label={t('insp.state')}>
        <NoticeStateTags n={n} />
      </Descriptions.Item>
      {n.answer && (
        <Descriptions.Item label={t('insp.answer')}>
          <div style={{ whiteSpace: 'pre-wrap' }}>{n.answer}</div>
        </Descriptions.Item>
      )}
      {n.evidence.length > 0 && (
        <Descriptions.Item label={t('insp.evidence')}>
          <EvidenceThumbs evidence={n.evidence} />
        </Descriptions.Item>
      )}
      {n.answeredOn && <Descriptions.Item label={t('insp.answeredOn')}>{n.answeredOn}</Descriptions.Item>}
      {n.reinspection && <Descriptions.Item label={t('insp.reinspection')}>{n.reinspection}</Descriptions.Item>}
      {n.passedOn && <Descriptions.Item label={t('insp.passedOn')}>{n.passedOn}</Descriptions.Item>}
    </Descriptions>
  );
}
