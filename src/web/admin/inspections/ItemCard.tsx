import { CameraOutlined } from '@ant-design/icons';
import { App, Button, Card, Image, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { photoUrl, SUPERVISION, type TemplateItem } from '../../inspections/types.ts';

export interface ItemResult {
  passed?: boolean;
  score: number;
  note: string;
}

/** One checklist item on the phone: pass or fail, the score, a note, and photos taken with the camera. */
export function ItemCard(props: {
  inspectionId: string;
  item: TemplateItem;
  index: number;
  value: ItemResult;
  onChange(v: ItemResult): void;
  photoIds: string[];
  onPhoto(): void;
  /** Shown once the inspector has tried to submit without what this item needs. */
  problem: string | null;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { item, value } = props;
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    const form = new FormData();
    // The server reads the item before the file.
    form.append('item', item.code);
    form.append('file', file);
    setUploading(true);
    try {
      await api(`${SUPERVISION}/inspections/${props.inspectionId}/photos`, { form });
      message.success(t('insp.photoUploaded'));
      props.onPhoto();
    } catch {
      // api() has shown why (not a JPEG or PNG, too large).
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 12, borderRadius: 12, borderColor: props.problem ? '#ff4d4f' : undefined }}
      title={
        <Typography.Text style={{ whiteSpace: 'normal' }}>
          {props.index + 1}. {item.text}
        </Typography.Text>
      }
      data-testid={`item-${item.code}`}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={10}>
        <Space size={4} wrap>
          <Tag>
            {t('insp.maxScore')} {item.maxScore}
          </Tag>
          {item.photoRequired && <Tag color="orange">{t('insp.photoRequired')}</Tag>}
        </Space>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          value={value.passed}
          onChange={(e) =>
            props.onChange({ ...value, passed: e.target.value, score: e.target.value ? item.maxScore : 0 })
          }
          options={[
            { value: true, label: t('insp.pass') },
            { value: false, label: t('insp.fail') },
          ]}
        />
        <Space>
          <span>{t('insp.score')}</span>
          <InputNumber
            aria-label={t('insp.score')}
            min={0}
            max={item.maxScore}
            precision={0}
            value={value.score}
            onChange={(score) => props.onChange({ ...value, score: score ?? 0 })}
          />
        </Space>
        <Input.TextArea
          aria-label={t('insp.note')}
          rows={2}
          maxLength={2000}
          placeholder={t('insp.noteHint')}
          value={value.note}
          onChange={(e) => props.onChange({ ...value, note: e.target.value })}
        />
        <Space wrap>
          {props.photoIds.map((id) => (
            <Image key={id} src={photoUrl(id)} width={64} height={64} style={{ objectFit: 'cover', borderRadius: 6 }} />
          ))}
          <Button icon={<CameraOutlined />} loading={uploading} onClick={() => input.current?.click()}>
            {t('insp.takePhoto')}
          </Button>
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png"
            capture="environment"
            hidden
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) upload(f);
            }}
          />
        </Space>
        {props.problem && <Typography.Text type="danger">{props.problem}</Typography.Text>}
      </Space>
    </Card>
  );
}
