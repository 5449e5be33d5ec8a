import { Button, List, Tag, Typography } from 'antd';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { type MyInspection, SUPERVISION } from '../../inspections/types.ts';
import { navigate } from '../../router.tsx';

export const inspectionPath = (id: string) => `/supervision/my-inspections/${id}`;

/** The inspections assigned to the signed-in inspector, those still to do first; each opens the phone form. */
export function MyInspectionList() {
  const { t } = useI18n();
  const label = useLabel();
  const mine = useApi<MyInspection[]>(`${SUPERVISION}/my-inspections`);
  return (
    <List<MyInspection>
      loading={mine.loading}
      dataSource={mine.data ?? []}
      locale={{ emptyText: t('insp.noMine') }}
      data-testid="my-inspections"
      renderItem={(i) => (
        <List.Item
          actions={[
            <Button
              key="open"
              type={i.state === 'assigned' ? 'primary' : 'default'}
              onClick={() => navigate(inspectionPath(i.id))}
            >
              {t(i.state === 'assigned' ? 'insp.fillIn' : 'insp.view')}
            </Button>,
          ]}
        >
          <List.Item.Meta
            title={<Typography.Text strong>{i.estate}</Typography.Text>}
            description={
              <>
                {i.template} <Tag color={i.state === 'assigned' ? 'gold' : 'green'}>{label('inspState', i.state)}</Tag>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
