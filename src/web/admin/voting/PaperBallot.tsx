import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, Modal, Radio, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { DOCUMENT_TYPES, uploadMatterFile } from '../../voting/api.ts';
import { ELECTION_ITEM, MATTERS, type Matter } from '../../voting/types.ts';

interface Values {
  unit: string;
  serial: string;
  scanId: string;
  choice?: string;
  choices?: string[];
}

/**
 * 录入纸质选票: each paper ballot is entered with the scan of the sheet, uploaded first, so every counted paper
 * ballot can be checked against its original. The dialog stays open for the next sheet.
 */
export function PaperBallot({ m, onClose, onSaved }: { m: Matter; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  // A new key empties the upload list along with the form after each ballot.
  const [sheet, setSheet] = useState(0);
  const election = m.item === ELECTION_ITEM;
  const picked = Form.useWatch('choices', form) ?? [];
  const required = [{ required: true, message: t('vote.required') }];

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const r = await api<{ receipt: string; counted: boolean }>(`${MATTERS}/${m.id}/paper-ballots`, {
        body: {
          unit: v.unit.trim(),
          serial: v.serial.trim(),
          scanId: v.scanId,
          ...(election ? { choices: v.choices ?? [] } : { choice: v.choice }),
        },
      });
      if (r.counted) message.success(t('vote.paperSaved', { receipt: r.receipt }));
      else message.warning(t('vote.paperNotCounted', { receipt: r.receipt }));
      form.resetFields();
      setSheet((n) => n + 1);
      onSaved();
    } catch {
      // api() has shown why (unit not on the roll, serial used, scan missing…).
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('vote.paper')}
      okText={t('vote.paperSave')}
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="paper-ballot-form">
        <Form.Item name="scanId" label={t('vote.paperScan')} rules={required} extra={t('vote.paperScanHint')}>
          <ScanUpload key={sheet} matterId={m.id} />
        </Form.Item>
        <Form.Item name="unit" label={t('vote.paperUnit')} rules={required}>
          <Input placeholder={t('vote.candidateUnit')} />
        </Form.Item>
        <Form.Item name="serial" label={t('vote.paperSerial')} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item name={election ? 'choices' : 'choice'} label={t('vote.paperChoice')} rules={required}>
          {election ? (
            <Checkbox.Group
              options={m.candidates.map((c) => ({
                value: c.id,
                label: c.name,
                disabled: !picked.includes(c.id) && picked.length >= (m.seats ?? 1),
              }))}
            />
          ) : (
            <Radio.Group
              options={(['agree', 'oppose', 'abstain'] as const).map((c) => ({ value: c, label: t(`vChoice.${c}`) }))}
            />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A form control whose value is the id of the uploaded scan (kind ballot_scan). */
function ScanUpload({ matterId, onChange }: { matterId: string; value?: string; onChange?(id?: string): void }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<UploadFile[]>([]);
  return (
    <Upload
      accept={DOCUMENT_TYPES}
      maxCount={1}
      fileList={files}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const f = await uploadMatterFile(matterId, 'ballot_scan', file as File);
          onSuccess?.(f);
          onChange?.(f.id);
        } catch (e) {
          onError?.(e as Error);
        }
      }}
      onChange={({ fileList }) => setFiles(fileList)}
      onRemove={() => onChange?.(undefined)}
      data-testid="scan-upload"
    >
      <Button icon={<UploadOutlined />}>{t('vote.paperScan')}</Button>
    </Upload>
  );
}
