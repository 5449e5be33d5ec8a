import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../../kernel/audit.ts';

/**
 * What a payment provider tells us when a payment completes (WeChat Pay's and Alipay's notifications carry the
 * same facts). A real adapter turns the provider's own format into this; the simulator sends it as it is.
 */
export interface ProviderNotice {
  outTradeNo: string;
  transactionId: string;
  amountFen: number;
  status: 'SUCCESS' | 'FAIL';
}

/** HMAC-SHA256 over the notice in canonical JSON, with the key shared with the provider. */
export const signNotice = (secret: string, notice: ProviderNotice) =>
  createHmac('sha256', secret).update(canonicalJson(notice)).digest('hex');

/** Constant-time check of a notice's signature: a forged or altered notice moves no money. */
export function verifyNotice(secret: string, notice: ProviderNotice, signature: string | undefined): boolean {
  if (!secret || !signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
  return timingSafeEqual(Buffer.from(signNotice(secret, notice), 'hex'), Buffer.from(signature, 'hex'));
}
