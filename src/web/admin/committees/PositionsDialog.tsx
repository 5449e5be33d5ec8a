import { App, Modal, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import type { Committee, CommitteeMember } from '../../types.ts';

const POSITIONS = ['director', 'deputy_director', 'member'] as const;
type Position = (typeof POSITIONS)[number];

/** 设置职务: the committee names its director and deputies among the seated members (exactly one director). */
export function PositionsDialog(props: { c: Committee; members: CommitteeMember[]; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [positions, setPositions] = useState<Record<string, Position>>(() =>
    Object.fromEntries(props.members.map((m) => [m.id, m.position])),
  );
  const [busy, setBusy] = useState(false);
  const directors = Object.values(positions).filter((p) => p === 'director').length;

  const save = async () => {
    setBusy(true);
    try {
      await api(`/api/v1/committees/${props.c.id}/positions`, {
        body: {
          version: props.c.version,
          positions: Object.entries(positions).map(([memberId, position]) => ({ memberId, position })),
        },
      });
      message.success(t('committee.saved'));
      props.onSaved();
    } catch {
      // api() has shown why (a stale version, not exactly one director…).
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('committee.positions')}
      onOk={save}
      okButtonProps={{ disabled: directors !== 1, loading: busy }}
      onCancel={props.onClose}
    >
      <Typography.Paragraph type={directors === 1 ? 'secondary' : 'danger'}>
        {t('committee.positionsHint')}
      </Typography.Paragraph>
      <Table<CommitteeMember>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={props.members}
        data-testid="positions-table"
        columns={[
          { title: t('committee.memberName'), dataIndex: 'name' },
          {
            title: t('committee.position'),
            key: 'position',
            render: (_, m) => (
              <Select
                style={{ width: 140 }}
                value={positions[m.id]}
                aria-label={`${m.name} ${t('committee.position')}`}
                onChange={(p) => setPositions((all) => ({ ...all, [m.id]: p }))}
                options={POSITIONS.map((p) => ({ value: p, label: t(`position.${p}`) }))}
              />
            ),
          },
        ]}
      />
    </Modal>
  );
}
