import { Button, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { formatTime } from '../../format.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import type { Committee, CommitteeMember } from '../../types.ts';

type Dialog = { kind: 'leave' | 'commitment'; member: CommitteeMember };

/**
 * The seated members with their post, how they were seated and their 履职承诺; for those who run the committee,
 * recording a paper commitment and a departure (the first alternate then takes the seat).
 */
export function MemberTable(props: { c: Committee; members: CommitteeMember[]; canRun: boolean; onChanged(): void }) {
  const { c, canRun } = props;
  const { t, lang } = useI18n();
  const label = useLabel();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const live = canRun && c.status === 'active';
  const mixed = c.kind === 'management_committee';
  return (
    <>
      <Table<CommitteeMember>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={props.members}
        data-testid="committee-members"
        columns={[
          { title: t('committee.memberName'), dataIndex: 'name' },
          ...(mixed
            ? [
                {
                  title: t('committee.affiliation'),
                  dataIndex: 'affiliation',
                  render: (a: string) => label('cAffiliation', a),
                },
              ]
            : []),
          { title: t('committee.position'), dataIndex: 'position', render: (p: string) => label('position', p) },
          { title: t('committee.source'), dataIndex: 'source', render: (s: string) => label('cSource', s) },
          { title: t('committee.joinedOn'), dataIndex: 'joinedOn' },
          {
            title: t('committee.commitment'),
            key: 'commitment',
            render: (_, m) =>
              m.commitmentSignedAt ? (
                <Tag color="green">{t('committee.signedAt', { t: formatTime(m.commitmentSignedAt, lang) })}</Tag>
              ) : (
                <Space size={4}>
                  <Tag>{t('committee.unsigned')}</Tag>
                  {live && (
                    <Button size="small" type="link" onClick={() => setDialog({ kind: 'commitment', member: m })}>
                      {t('committee.recordCommitment')}
                    </Button>
                  )}
                </Space>
              ),
          },
          ...(live
            ? [
                {
                  key: 'leave',
                  render: (_: unknown, m: CommitteeMember) => (
                    <Button size="small" danger onClick={() => setDialog({ kind: 'leave', member: m })}>
                      {t('committee.leave')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog && (
        <MemberDialog
          {...dialog}
          version={c.version}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            props.onChanged();
          }}
        />
      )}
    </>
  );
}

/** Either a departure with its reason, or the paper commitment a member signed, with its text. */
function MemberDialog(props: Dialog & { version: number; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const leave = props.kind === 'leave';
  const [text, setText] = useState(leave ? '' : t('committee.commitmentDefault'));
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const base = `/api/v1/committee-members/${props.member.id}`;
      await (leave
        ? api(`${base}/leave`, { body: { version: props.version, reason: text.trim() } })
        : api(`${base}/commitment`, { body: { text: text.trim() } }));
      props.onDone();
    } catch {
      // api() has shown why (already left, a stale version…).
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={
        leave
          ? t('committee.leaveTitle', { name: props.member.name })
          : `${t('committee.commitment')} · ${props.member.name}`
      }
      okButtonProps={{ danger: leave, disabled: !text.trim(), loading: busy }}
      onOk={submit}
      onCancel={props.onClose}
    >
      {leave && <Typography.Paragraph type="secondary">{t('committee.leaveHint')}</Typography.Paragraph>}
      <Input.TextArea
        rows={leave ? 3 : 8}
        value={text}
        placeholder={leave ? t('committee.leaveReason') : t('committee.commitmentText')}
        onChange={(e) => setText(e.target.value)}
        data-testid="member-dialog-text"
      />
    </Modal>
  );
}
