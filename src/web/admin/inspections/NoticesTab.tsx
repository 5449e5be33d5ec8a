import { Button, Drawer, Select, Space } from 'antd';
import { useState } from 'react';
import { ExportButtons } from '../../components.tsx';
import { useCursorList } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { NOTICE_STATES, type Notice, type NoticeState, SUPERVISION } from '../../inspections/types.ts';
import { NoticeDetails } from './NoticeDetails.tsx';
import { NoticeTable } from './NoticeTable.tsx';
import { ReinspectDialog } from './ReinspectDialog.tsx';

/**
 * 整改通知: every notice in the region with its state and deadline; an answered one is re-inspected here. The list
 * exports as filtered.
 */
export function NoticesTab() {
  const { t } = useI18n();
  const label = useLabel();
  const [state, setState] = useState<NoticeState | undefined>(undefined);
  const notices = useCursorList<Notice>(`${SUPERVISION}/rectifications`, { state });
  const [openId, setOpenId] = useState<string | null>(null);
  const [reinspecting, setReinspecting] = useState<{ n: Notice; passed: boolean } | null>(null);
  const open = notices.items.find((n) => n.id === openId) ?? null;
  return (
    <>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('insp.allStates')}
          value={state}
          onChange={setState}
          options={NOTICE_STATES.map((s) => ({ value: s, label: label('rectState', s) }))}
          data-testid="notice-state-filter"
        />
        <ExportButtons path={`${SUPERVISION}/rectifications`} params={{ state }} testId="notices" />
      </Space>
      <NoticeTable
        list={notices}
        actions={(n) => (
          <Button size="small" onClick={() => setOpenId(n.id)}>
            {t('insp.open')}
          </Button>
        )}
      />
      <Drawer
        open={!!open}
        size={560}
        title={open ? `${t('insp.notice')} ${open.noticeNo}` : ''}
        onClose={() => setOpenId(null)}
        data-testid="notice-drawer"
        extra={
          open?.state === 'answered' && (
            <Space>
              <Button type="primary" onClick={() => setReinspecting({ n: open, passed: true })}>
                {t('insp.reinspectPass')}
              </Button>
              <Button danger onClick={() => setReinspecting({ n: open, passed: false })}>
                {t('insp.reinspectReopen')}
              </Button>
            </Space>
          )
        }
      >
        {open && <NoticeDetails n={open} />}
      </Drawer>
      {reinspecting && (
        <ReinspectDialog
          notice={reinspecting.n}
          passed={reinspecting.passed}
          onClose={() => setReinspecting(null)}
          onDone={() => {
            setReinspecting(null);
            notices.reload();
          }}
        />
      )}
    </>
  );
}
