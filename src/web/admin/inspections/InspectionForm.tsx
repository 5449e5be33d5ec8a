import { LeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Grid, Skeleton, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { api } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { type Inspection, SUPERVISION } from '../../inspections/types.ts';
import { navigate } from '../../router.tsx';
import { InspectionResult } from './InspectionResult.tsx';
import { ItemCard, type ItemResult } from './ItemCard.tsx';
import { LocationField, type Spot } from './LocationField.tsx';

/**
 * A phone-width column: the inspector works on site. Below the admin layout's breakpoint its menu folds into a
 * button at the top left, so the column starts below it.
 */
export function PhoneColumn({ children }: { children: ReactNode }) {
  const screens = Grid.useBreakpoint();
  return <div style={{ maxWidth: 480, margin: '0 auto', paddingTop: screens.lg ? 0 : 28 }}>{children}</div>;
}

/** The inspector fills in one inspection on the phone: every item, photos where required, where they stand. */
export function InspectionForm({ id }: { id: string }) {
  const { t } = useI18n();
  const inspection = useApi<Inspection>(`${SUPERVISION}/inspections/${id}`);
  const i = inspection.data;
  return (
    <PhoneColumn>
      <Button
        type="link"
        icon={<LeftOutlined />}
        style={{ paddingLeft: 0 }}
        onClick={() => navigate('/supervision/my-inspections')}
      >
        {t('insp.back')}
      </Button>
      {!i ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Title level={4} style={{ marginTop: 4 }} data-testid="inspection-title">
            {i.estate} · {i.template.name}
          </Typography.Title>
          {i.state === 'submitted' ? (
            <InspectionResult inspection={i} />
          ) : (
            <FillIn inspection={i} onSubmitted={inspection.reload} onPhoto={inspection.reload} />
          )}
        </>
      )}
    </PhoneColumn>
  );
}

function FillIn(props: { inspection: Inspection; onSubmitted(): void; onPhoto(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { inspection: i } = props;
  const [results, setResults] = useState<Record<string, ItemResult>>(() =>
    Object.fromEntries(i.template.items.map((x) => [x.code, { score: x.maxScore, note: '' }])),
  );
  const [spot, setSpot] = useState<Spot | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const photosOf = (code: string) => i.photos.filter((p) => p.itemCode === code).map((p) => p.id);

  const problemOf = (code: string) => {
    const item = i.template.items.find((x) => x.code === code);
    if (results[code].passed === undefined) return t('insp.choosePassFail');
    if (item?.photoRequired && !photosOf(code).length) return t('insp.photoNeeded');
    return null;
  };
  const ready = i.template.items.every((x) => !problemOf(x.code)) && spot !== null;

  const submit = async () => {
    setTried(true);
    if (!ready || !spot) return;
    setBusy(true);
    try {
      await api(`${SUPERVISION}/inspections/${i.id}/submit`, {
        body: {
          version: i.version,
          lat: spot.lat,
          lng: spot.lng,
          results: i.template.items.map((x) => {
            const r = results[x.code];
            return {
              itemCode: x.code,
              score: r.score,
              passed: !!r.passed,
              ...(r.note.trim() ? { note: r.note.trim() } : {}),
            };
          }),
        },
      });
      message.success(t('insp.submitted'));
      props.onSubmitted();
    } catch {
      // api() has shown the server's reason.
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('insp.myIntro')}</Typography.Paragraph>
      {i.template.items.map((x, n) => (
        <ItemCard
          key={x.code}
          inspectionId={i.id}
          item={x}
          index={n}
          value={results[x.code]}
          onChange={(v) => setResults((prev) => ({ ...prev, [x.code]: v }))}
          photoIds={photosOf(x.code)}
          onPhoto={props.onPhoto}
          problem={tried ? problemOf(x.code) : null}
        />
      ))}
      <Card size="small" title={t('insp.location')} style={{ marginBottom: 12, borderRadius: 12 }}>
        <LocationField value={spot} onChange={setSpot} />
        {tried && !spot && <Alert type="error" showIcon title={t('insp.locationNeeded')} style={{ marginTop: 12 }} />}
      </Card>
      <Button type="primary" block size="large" loading={busy} onClick={submit} data-testid="submit-inspection">
        {t('insp.submit')}
      </Button>
    </>
  );
}
