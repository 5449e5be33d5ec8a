import { List, Result, Tag, Typography } from 'antd';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { type Inspection, type Notice, SUPERVISION } from '../../inspections/types.ts';
import type { Page } from '../../types.ts';
import { PhotoThumbs } from './NoticeDetails.tsx';
import { NoticeStateTags } from './NoticeTable.tsx';

/** A submitted inspection: the score, each item as found, and the 整改通知书 its failed items raised. */
export function InspectionResult({ inspection: i }: { inspection: Inspection }) {
  const { t } = useI18n();
  // An inspection raises a notice per failed item: one page holds them all.
  const raised = useApi<Page<Notice>>(`${SUPERVISION}/rectifications?inspectionId=${i.id}&limit=200`);
  const notices = raised.data?.items ?? [];
  const resultOf = (code: string) => i.results.find((r) => r.itemCode === code);
  return (
    <>
      <Result
        status={notices.length ? 'warning' : 'success'}
        title={t('insp.total', { score: i.score ?? 0, max: i.maxScore ?? 0 })}
        subTitle={
          raised.data && (notices.length ? t('insp.noticesRaised', { n: notices.length }) : t('insp.allPassed'))
        }
        style={{ padding: '16px 0' }}
        data-testid="inspection-result"
      />
      {notices.length > 0 && (
        <List<Notice>
          header={<Typography.Text strong>{t('insp.notice')}</Typography.Text>}
          bordered
          style={{ background: '#fff', marginBottom: 16 }}
          dataSource={notices}
          data-testid="raised-notices"
          renderItem={(n) => (
            <List.Item>
              <List.Item.Meta
                title={n.noticeNo}
                description={
                  <>
                    <div>{n.finding}</div>
                    <div>
                      {t('insp.deadline')} {n.deadline} <NoticeStateTags n={n} />
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <List
        bordered
        style={{ background: '#fff' }}
        dataSource={i.template.items}
        renderItem={(x) => {
          const r = resultOf(x.code);
          return (
            <List.Item>
              <List.Item.Meta
                title={
                  <>
                    {x.text} <Tag color={r?.passed ? 'green' : 'red'}>{t(r?.passed ? 'insp.pass' : 'insp.fail')}</Tag>
                  </>
                }
                description={
                  <>
                    <div>
                      {t('insp.score')} {r?.score ?? 0} / {x.maxScore}
                    </div>
                    {r?.note && <div>{r.note}</div>}
                    <PhotoThumbs ids={i.photos.filter((p) => p.itemCode === x.code).map((p) => p.id)} />
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
    </>
  );
}
