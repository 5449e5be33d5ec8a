import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Collapse, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n.tsx';
import { DOCUMENT_TYPES, uploadMatterFile } from '../../voting/api.ts';
import { FileLink } from '../../voting/components.tsx';
import type { Matter } from '../../voting/types.ts';

/**
 * 附件 of a matter, uploaded while it is a draft (the 公告 fixes them with the text), and for its organisers the
 * scans of the paper ballots entered.
 */
export function MatterFiles({ m, onUploaded }: { m: Matter; onUploaded(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const attachments = m.files.filter((f) => f.kind === 'attachment');
  const scans = m.files.filter((f) => f.kind === 'ballot_scan');
  const draft = m.phase === 'draft';

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const f = await uploadMatterFile(m.id, 'attachment', file);
      message.success(t('vote.uploaded', { name: f.name }));
      onUploaded();
    } catch {
      // api() has shown why (type, size, no longer a draft).
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('vote.files')}
      style={{ marginTop: 16 }}
      data-testid="matter-files"
      extra={
        draft && (
          <Upload
            accept={DOCUMENT_TYPES}
            showUploadList={false}
            beforeUpload={(file) => {
              upload(file);
              return false; // sent by upload() with its kind, not by antd
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy}>
              {t('vote.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {attachments.length ? (
        <Space orientation="vertical">
          {attachments.map((f) => (
            <FileLink key={f.id} f={f} />
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('vote.noFiles')}</Typography.Text>
      )}
      {draft && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('vote.uploadHint')}
        </Typography.Paragraph>
      )}
      {scans.length > 0 && (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'scans',
              label: t('vote.scans', { n: scans.length }),
              children: (
                <div style={{ maxHeight: 240, overflow: 'auto', columns: 3 }}>
                  {scans.map((f) => (
                    <div key={f.id}>
                      <FileLink f={f} />
                    </div>
                  ))}
                </div>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
