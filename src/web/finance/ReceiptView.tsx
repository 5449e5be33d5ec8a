import { fenInWords, formatFen, formatTime } from '../format.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import type { Receipt } from './types.ts';

/**
 * On paper only the receipt is printed: the admin chrome, the phone tab bar and the buttons are hidden without
 * each layout having to know about printing. Transitions are off, or antd's animated visibility would leave the
 * chrome showing while it fades.
 */
const PRINT_CSS = `
@media print {
  body * { visibility: hidden; transition: none !important; }
  .anju-receipt, .anju-receipt * { visibility: visible; }
  .anju-receipt { position: fixed; top: 0; left: 0; right: 0; margin: 0 auto !important; box-shadow: none !important; }
}`;

const cell = { border: '1px solid #d9d9d9', padding: '6px 10px' } as const;

/** A 收据 as a paper one reads: number, payer's unit, the bills it settled, and the total in figures and words. */
export function ReceiptView({ receipt: r }: { receipt: Receipt }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  return (
    <div
      className="anju-receipt"
      style={{
        background: '#fff',
        padding: '20px 20px 24px',
        maxWidth: 720,
        margin: '0 auto',
        boxShadow: '0 1px 6px rgba(0,0,0,.08)',
        borderTop: '4px solid #cf1322',
      }}
      data-testid="receipt"
    >
      <style>{PRINT_CSS}</style>
      <div style={{ textAlign: 'center', fontSize: 22, fontWeight: 600, letterSpacing: 8, color: '#cf1322' }}>
        {t('receipt.title')}
      </div>
      <div style={{ textAlign: 'right', margin: '8px 0 12px', fontFamily: 'monospace', color: '#cf1322' }}>
        No. <span data-testid="receipt-no">{r.receiptNo}</span>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '6px 24px', marginBottom: 12 }}>
        <Field name={t('receipt.estate')} value={r.estate} />
        <Field name={t('receipt.unit')} value={r.unit} />
        <Field name={t('receipt.channel')} value={label('payChannel', r.channel)} />
        <Field name={t('receipt.paidAt')} value={formatTime(r.paidAt, lang)} />
      </div>
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 14 }}>
        <thead>
          <tr style={{ background: '#fafafa' }}>
            <th style={{ ...cell, textAlign: 'left' }}>{t('bill.period')}</th>
            <th style={{ ...cell, textAlign: 'left' }}>{t('bill.item')}</th>
            <th style={{ ...cell, textAlign: 'right' }}>{t('receipt.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {r.lines.map((l) => (
            <tr key={`${l.period}-${l.item}`} data-testid="receipt-line">
              <td style={cell}>{l.period}</td>
              <td style={cell}>{l.item}</td>
              <td style={{ ...cell, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                {formatFen(l.amountFen)}
              </td>
            </tr>
          ))}
          {r.prepaidFen > 0 && (
            <tr>
              <td style={cell} />
              <td style={cell}>{t('receipt.prepaid')}</td>
              <td style={{ ...cell, textAlign: 'right' }}>{formatFen(r.prepaidFen)}</td>
            </tr>
          )}
          <tr>
            <td style={cell} colSpan={2}>
              {t('receipt.inWords')}
              {fenInWords(r.amountFen)}
            </td>
            <td style={{ ...cell, textAlign: 'right', fontWeight: 600 }} data-testid="receipt-total">
              {formatFen(r.amountFen)}
            </td>
          </tr>
        </tbody>
      </table>
      <div style={{ marginTop: 12, color: '#999', fontSize: 12 }}>{t('receipt.note')}</div>
    </div>
  );
}

function Field({ name, value }: { name: string; value: string }) {
  return (
    <div style={{ minWidth: 200 }}>
      <span style={{ color: '#888' }}>{name}</span>
      {value}
    </div>
  );
}
