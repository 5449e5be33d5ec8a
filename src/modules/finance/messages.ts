import { defineMessages } from '../../kernel/i18n.ts';

defineMessages({
  'ledger.too_few_legs': { 'zh-CN': '记账凭证至少需要借贷两方', en: 'An entry needs at least two legs' },
  'ledger.amount_invalid': {
    'zh-CN': '金额须为非零的整数（单位：分）',
    en: 'Amounts are whole, non-zero numbers of fen',
  },
  'ledger.unbalanced': {
    'zh-CN': '借贷不平衡：各分录金额之和须为零',
    en: 'The entry does not balance: legs must sum to zero',
  },
  'ledger.entry_not_found': { 'zh-CN': '记账凭证不存在', en: 'No such journal entry' },
  'ledger.already_reversed': { 'zh-CN': '该凭证已冲正', en: 'This entry has already been reversed' },
  'ledger.insufficient_balance': {
    'zh-CN': '余额不足：该账户不允许出现负数',
    en: 'Insufficient balance: this account may not go below zero',
  },
});
