import { Alert, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';

/**
 * A dialog around one server call: OK runs `onOk` (which validates its form and calls the API quietly); a refusal
 * stays in the dialog with the server's reason, so the person can correct the form and try again.
 */
export function ActionModal(props: {
  title: ReactNode;
  okText?: string;
  danger?: boolean;
  onOk(): Promise<void>;
  onClose(): void;
  /** data-testid of the error banner. */
  errorId: string;
  /** What to do about a refusal, by the server's code, under its reason. */
  advice?(code: string): ReactNode;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ detail: string; code?: string } | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onOk();
    } catch (e) {
      // A form that does not validate shows its own messages.
      if (e instanceof ApiError) setError({ detail: e.detail, code: e.code });
      else if (!(e && typeof e === 'object' && 'errorFields' in e)) setError({ detail: String(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText ?? t('fees.confirm')}
      okButtonProps={{ danger: props.danger }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={props.onClose}
      width={props.width}
      destroyOnHidden
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.detail}
          description={error.code ? props.advice?.(error.code) : undefined}
          style={{ marginBottom: 12 }}
          data-testid={props.errorId}
        />
      )}
      {props.children}
    </Modal>
  );
}
