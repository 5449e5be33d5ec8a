import { DownloadOutlined } from '@ant-design/icons';
import { Button, Segmented, Space } from 'antd';
import { exportUrl, type QueryParams } from './api.ts';
import { useI18n } from './i18n.tsx';

/** 中文 / EN. The choice also goes to the server (cookie), so its error messages and exports follow it. */
export function LangSwitch({ size }: { size?: 'small' | 'middle' | 'large' }) {
  const { lang, setLang } = useI18n();
  return (
    <Segmented
      size={size}
      value={lang}
      onChange={(v) => setLang(v as 'zh-CN' | 'en')}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
      data-testid="lang-switch"
    />
  );
}

/** Below a keyset-paginated table: fetch the next page, or how many rows there are once all are shown. */
export function LoadMore({
  hasMore,
  loading,
  onMore,
  count,
}: {
  hasMore: boolean;
  loading: boolean;
  onMore(): void;
  count: number;
}) {
  const { t } = useI18n();
  if (!hasMore && !count) return null; // the empty table says so itself
  return (
    <div style={{ textAlign: 'center', padding: '12px 0', color: '#888' }}>
      {hasMore ? (
        <Button onClick={onMore} loading={loading}>
          {t('list.more')}
        </Button>
      ) : (
        t('list.shown', { count })
      )}
    </div>
  );
}

/** Export the list as filtered: the same URL with ?format=xlsx|csv (the server applies the caller's scope). */
export function ExportButtons({ path, params, testId }: { path: string; params: QueryParams; testId?: string }) {
  const { t } = useI18n();
  return (
    <Space>
      <Button
        icon={<DownloadOutlined />}
        href={exportUrl(path, params, 'xlsx')}
        data-testid={testId && `${testId}-xlsx`}
      >
        {t('list.exportXlsx')}
      </Button>
      <Button icon={<DownloadOutlined />} href={exportUrl(path, params, 'csv')} data-testid={testId && `${testId}-csv`}>
        CSV
      </Button>
    </Space>
  );
}
