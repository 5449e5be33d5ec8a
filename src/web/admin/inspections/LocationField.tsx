import { EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, InputNumber, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n.tsx';

export interface Spot {
  lat: number;
  lng: number;
}
type Status = 'locating' | 'located' | 'failed';

/**
 * Where the inspector stands: asked of the phone when the form opens (and again on request); if the browser refuses
 * or cannot tell, the page says so and takes the coordinates by hand.
 */
export function LocationField({ value, onChange }: { value: Spot | null; onChange(s: Spot | null): void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status>('locating');
  const [manual, setManual] = useState<{ lat: number | null; lng: number | null }>({ lat: null, lng: null });
  const typed = (next: typeof manual) => {
    setManual(next);
    onChange(next.lat !== null && next.lng !== null ? { lat: next.lat, lng: next.lng } : null);
  };
  const locate = useCallback(() => {
    if (!navigator.geolocation) {
      setStatus('failed');
      return;
    }
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        onChange({ lat: round(p.coords.latitude), lng: round(p.coords.longitude) });
        setStatus('located');
      },
      () => setStatus('failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }, [onChange]);
  useEffect(() => locate(), [locate]);

  return (
    <div data-testid="location">
      <Space wrap>
        <Button icon={<EnvironmentOutlined />} onClick={locate} loading={status === 'locating'}>
          {t(status === 'locating' ? 'insp.locating' : 'insp.locate')}
        </Button>
        {status === 'located' && value && (
          <Typography.Text type="success" data-testid="location-text">
            {t('insp.located', { lat: value.lat, lng: value.lng })}
          </Typography.Text>
        )}
      </Space>
      {status === 'failed' && (
        <>
          <Alert type="warning" showIcon title={t('insp.locationDenied')} style={{ margin: '12px 0' }} />
          <Space wrap>
            <InputNumber
              aria-label={t('insp.lat')}
              placeholder={t('insp.lat')}
              min={-90}
              max={90}
              value={manual.lat}
              onChange={(lat) => typed({ ...manual, lat })}
            />
            <InputNumber
              aria-label={t('insp.lng')}
              placeholder={t('insp.lng')}
              min={-180}
              max={180}
              value={manual.lng}
              onChange={(lng) => typed({ ...manual, lng })}
            />
          </Space>
        </>
      )}
    </div>
  );
}

/** Six decimals: about 0.1 m, more than a phone knows. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;
