import { Descriptions, Typography } from 'antd';
import { formatTime } from '../../format.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import type { Matter } from '../../voting/types.ts';

/** What a matter is and the 议事规则 it was created under (copied onto it, so later edits never change it). */
export function MatterFacts({ m, committeeLink }: { m: Matter; committeeLink: boolean }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="matter-facts">
        <Descriptions.Item
          label={t('vote.item')}
        >{`${m.item}. ${t(`vItem.${m.item}` as 'vItem.1')}`}</Descriptions.Item>
        <Descriptions.Item label={t('vote.proposer')}>{label('vProposer', m.proposerKind)}</Descriptions.Item>
        <Descriptions.Item label={t('vote.opensAt')}>{formatTime(m.opensAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('vote.closesAt')}>{formatTime(m.closesAt, lang)}</Descriptions.Item>
        {m.seats && <Descriptions.Item label={t('vote.seats')}>{m.seats}</Descriptions.Item>}
        {m.publicUntil && (
          <Descriptions.Item label={t('vote.publicUntil')}>
            <span data-testid="public-until">{formatTime(m.publicUntil, lang)}</span>
          </Descriptions.Item>
        )}
        {m.seatedAt && (
          <Descriptions.Item label={t('vote.seatedAt')}>
            {formatTime(m.seatedAt, lang)}
            {committeeLink && (
              <Link to={`/committee?estateId=${m.estateId}`} style={{ marginLeft: 12 }}>
                {t('vote.viewCommittee')}
              </Link>
            )}
          </Descriptions.Item>
        )}
        {m.petitionUnits.length > 0 && (
          <Descriptions.Item label={t('vote.petitionUnits')} span={2}>
            <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>
              {t('vote.petitionCount', { n: m.petitionUnits.length, units: m.petitionUnits.join('、') })}
            </Typography.Paragraph>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        title={<Typography.Text type="secondary">{t('vote.rules')}</Typography.Text>}
        style={{ marginTop: 8 }}
        data-testid="matter-rules"
      >
        <Descriptions.Item label={t('vote.noticeDays')}>{m.noticeDays}</Descriptions.Item>
        <Descriptions.Item label={t('vote.publicityDays')}>{m.publicityDays}</Descriptions.Item>
        <Descriptions.Item label={t('vote.revote')}>
          {t(m.revote ? 'vote.allowed' : 'vote.notAllowed')}
        </Descriptions.Item>
        <Descriptions.Item label={t('vote.paperOnline')}>{label('vPaperOnline', m.paperOnline)}</Descriptions.Item>
        <Descriptions.Item label={t('vote.proxyLimit')}>{m.proxyLimit}</Descriptions.Item>
      </Descriptions>
    </>
  );
}
