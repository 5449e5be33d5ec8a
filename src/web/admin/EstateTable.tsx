import { Table, Tag } from 'antd';
import { LoadMore } from '../components.tsx';
import { useI18n, useLabel } from '../i18n.tsx';
import { Link } from '../router.tsx';
import type { Estate } from '../types.ts';

const MODE_COLOR: Record<string, string> = { company: 'blue', self_managed: 'green', community_custody: 'orange' };

/** Estates with "load more"; the company column is left out where the company is already known. */
export function EstateTable(props: {
  items: Estate[];
  loading: boolean;
  hasMore: boolean;
  onMore(): void;
  hideCompany?: boolean;
}) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <>
      <Table<Estate>
        rowKey="id"
        size="small"
        loading={props.loading && props.items.length === 0}
        dataSource={props.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="estate-table"
        columns={[
          {
            title: t('estate.name'),
            dataIndex: 'name',
            fixed: 'left',
            render: (v: string, e) => <Link to={`/estates/${e.id}`}>{v}</Link>,
          },
          { title: t('estate.code'), dataIndex: 'code', width: 100 },
          { title: t('estate.street'), dataIndex: 'streetName' },
          { title: t('estate.community'), dataIndex: 'communityName' },
          ...(props.hideCompany
            ? []
            : [
                {
                  title: t('estate.company'),
                  dataIndex: 'companyName',
                  render: (v: string | null, e: Estate) =>
                    v && e.companyId ? <Link to={`/companies/${e.companyId}`}>{v}</Link> : '—',
                },
              ]),
          {
            title: t('estate.grade'),
            dataIndex: 'serviceGrade',
            width: 90,
            render: (g: number) => t('estate.gradeN', { n: g }),
          },
          {
            title: t('estate.mode'),
            dataIndex: 'managementMode',
            render: (m: string) => <Tag color={MODE_COLOR[m]}>{label('mode', m)}</Tag>,
          },
          { title: t('estate.buildings'), dataIndex: 'buildingCount', width: 80, align: 'right' },
          { title: t('estate.units'), dataIndex: 'unitCount', width: 80, align: 'right' },
        ]}
      />
      <LoadMore hasMore={props.hasMore} loading={props.loading} onMore={props.onMore} count={props.items.length} />
    </>
  );
}
