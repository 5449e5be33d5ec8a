import { Descriptions, Image } from 'antd';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { type Inspection, type Notice, photoUrl, SUPERVISION } from '../../inspections/types.ts';
import { NoticeStateTags } from './NoticeTable.tsx';

/** Photos the inspector took, as thumbnails that open full size. */
export function PhotoThumbs({ ids }: { ids: string[] }) {
  if (!ids.length) return null;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }} data-testid="photos">
        {ids.map((id) => (
          <Image key={id} src={photoUrl(id)} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} />
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

/** A 整改通知书 as issued, and what has happened to it since: the answer, the re-inspection. */
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
      {n.answeredOn && <Descriptions.Item label={t('insp.answeredOn')}>{n.answeredOn}</Descriptions.Item>}
      {n.reinspection && <Descriptions.Item label={t('insp.reinspection')}>{n.reinspection}</Descriptions.Item>}
      {n.passedOn && <Descriptions.Item label={t('insp.passedOn')}>{n.passedOn}</Descriptions.Item>}
    </Descriptions>
  );
}
