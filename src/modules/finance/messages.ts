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
  'finance.above_cap': {
    'zh-CN': '物业服务费超过本市{grade}级服务的政府指导价上限 {cap} 元/㎡·月；如经批准可高于上限，请填写批准依据',
    en: 'The service fee exceeds the city cap of {cap} yuan/m²·month for grade {grade}; record the approval to exceed it',
  },
  'finance.service_fee_basis': {
    'zh-CN': '物业服务费须按建筑面积每月计收',
    en: 'The service fee is charged per m² per month',
  },
  'finance.item_not_found': { 'zh-CN': '收费项目不存在', en: 'No such fee item' },
  'finance.period_invalid': { 'zh-CN': '账期格式应为 YYYY-MM', en: 'A period is written YYYY-MM' },
  'finance.nothing_to_bill': { 'zh-CN': '没有可出账的小区', en: 'There is no estate to bill' },
  'finance.nothing_owed': { 'zh-CN': '该房屋没有待缴费用', en: 'Nothing is owed for this unit' },
  'finance.payment_not_found': { 'zh-CN': '支付订单不存在', en: 'No such payment' },
  'finance.unit_not_found': { 'zh-CN': '房屋不存在', en: 'No such unit' },
  'finance.amount_mismatch': {
    'zh-CN': '支付金额与订单不符（订单 {expected} 分，通知 {got} 分），未入账',
    en: 'The paid amount does not match the order ({expected} fen ordered, {got} fen notified); nothing was booked',
  },
  'finance.paid_by_other_transaction': {
    'zh-CN': '该订单已由另一笔交易支付',
    en: 'This order was already paid by another transaction',
  },
  'finance.bad_signature': { 'zh-CN': '支付通知签名无效', en: 'The payment notice is not correctly signed' },
  'finance.voucher_used': {
    'zh-CN': '凭证号 {voucher} 已用于另一笔收款',
    en: 'Voucher {voucher} was already used for another payment',
  },
  'finance.fund_rate_missing': {
    'zh-CN': '尚未设置“{use}”类房屋的维修资金交存标准',
    en: 'No maintenance-fund rate is set for units of use "{use}"',
  },
  'finance.initial_deposit_paid': {
    'zh-CN': '该房屋已交存首期维修资金',
    en: 'This unit’s initial deposit is already paid',
  },
  'finance.application_not_found': { 'zh-CN': '维修资金使用申请不存在', en: 'No such fund-use application' },
  'finance.no_assembly': {
    'zh-CN': '该小区尚无在任的业主委员会，业主大会成立后方可移交维修资金',
    en: 'The estate has no serving owners’ committee: the fund is handed over once the owners’ assembly exists',
  },
  'finance.custody_transferred': {
    'zh-CN': '该小区的维修资金已移交业主大会',
    en: 'The estate’s maintenance fund has already been handed over to the owners’ assembly',
  },
  'finance.application_state': {
    'zh-CN': '申请当前状态为“{state}”，不能进行此操作',
    en: 'The application is {state}: this step is not possible now',
  },
  'finance.emergency_no_vote': {
    'zh-CN': '应急使用由业主委员会或街道确认，无需表决',
    en: 'An emergency use is confirmed by the committee or the street office, not voted on',
  },
  'finance.not_emergency': {
    'zh-CN': '非应急使用须经业主表决',
    en: 'Only an emergency use may be confirmed without a vote',
  },
  'finance.quote_above_cap': {
    'zh-CN': '报价超过本市{grade}级服务的政府指导价上限 {cap} 元/㎡·月',
    en: 'The quote exceeds the city cap of {cap} yuan/m²·month for grade {grade}',
  },
  'finance.price_open': {
    'zh-CN': '本小区已有一项正在协商的收费标准，请先完成或撤回',
    en: 'The estate already has a fee standard under negotiation: finish or withdraw it first',
  },
  'finance.price_not_found': { 'zh-CN': '收费标准协商记录不存在', en: 'No such fee negotiation' },
  'finance.price_state': {
    'zh-CN': '收费标准协商当前为“{state}”，不能进行此操作',
    en: 'The fee negotiation is {state}: this step is not possible now',
  },
  'finance.price.quoted': { 'zh-CN': '企业已报价', en: 'quoted' },
  'finance.price.countered': { 'zh-CN': '业主已还价', en: 'countered' },
  'finance.price.voting': { 'zh-CN': '业主表决中', en: 'being voted on' },
  'finance.price.agreed': { 'zh-CN': '已议定', en: 'agreed' },
  'finance.price.rejected': { 'zh-CN': '表决未通过', en: 'rejected' },
  'finance.price.withdrawn': { 'zh-CN': '已撤回', en: 'withdrawn' },
  'finance.counter_above_quote': {
    'zh-CN': '业主还价不能高于企业报价',
    en: 'The owners’ counter-offer cannot be above the company’s quote',
  },
  'finance.agreed_out_of_range': {
    'zh-CN': '提请表决的价格须在业主还价 {low} 元与企业报价 {high} 元之间（含）',
    en: 'The price put to the vote must lie between the counter-offer {low} and the quote {high} yuan (inclusive)',
  },
  'finance.refund_exceeds': {
    'zh-CN': '退款金额超过该房屋的预收款余额 {held} 元',
    en: 'The refund exceeds the unit’s prepayment of {held} yuan',
  },
  'finance.refund_not_found': { 'zh-CN': '退款申请不存在', en: 'No such refund' },
  'finance.refund_decided': { 'zh-CN': '该退款申请已处理', en: 'This refund has already been decided' },
  'finance.refund_same_person': {
    'zh-CN': '退款须由申请人以外的人员审批',
    en: 'A refund must be approved by someone other than its requester',
  },
  'finance.committee_over_limit': {
    'zh-CN': '议事规则只允许业主委员会决定 {limit} 元以内的支出；超出部分须经业主表决',
    en: 'The rules let the committee decide spendings up to {limit} yuan; above that, the owners must vote',
  },
  'finance.spending_exceeds': {
    'zh-CN': '支出超过公共收益账户可用余额 {available} 元（已扣除公示中的支出）',
    en: 'The spending exceeds the {available} yuan available (after the spendings on 公示)',
  },
  'finance.year_not_ended': {
    'zh-CN': '{year} 年度尚未结束，年度结余待年度结束后方可转入维修资金',
    en: 'The year {year} has not ended: its surplus moves into the fund once it has',
  },
  'finance.defaulter_not_found': { 'zh-CN': '名单记录不存在', en: 'No such entry on the list' },
  'finance.defaulter_removed': { 'zh-CN': '该房屋已移出名单', en: 'The unit has already been taken off the list' },
  'finance.refund_cash_short': {
    'zh-CN': '现金账户余额不足以退款，请改为转账退款',
    en: 'There is not enough cash in the till for this refund: refund by transfer instead',
  },
  'finance.refund_bank_short': {
    'zh-CN': '银行账户余额不足以退款，请改为现金退款',
    en: 'There is not enough in the bank account for this refund: refund in cash instead',
  },
  'finance.vote_not_final': {
    'zh-CN': '业主表决结果尚未公示',
    en: 'The owners’ vote has not been published yet',
  },
  'finance.fund_insufficient': {
    'zh-CN': '{count} 户分户账余额不足以承担分摊金额，请先续筹：{units}',
    en: '{count} units cannot cover their share from their sub-accounts and must top up first: {units}',
  },
  'finance.redeposit_notice': {
    'zh-CN': '【维修资金续筹】您的房屋 {unit} 维修资金余额已不足首期交存额的 30%，请按规定续筹。',
    en: '[Maintenance fund] The fund balance of {unit} is below 30% of its initial deposit; please top it up.',
  },
  'finance.cost_share_too_large': {
    'zh-CN': '成本分成不得达到或超过收入总额',
    en: 'The cost share must be less than the gross income',
  },
  'finance.income_recorded': { 'zh-CN': '该笔收入已登记', en: 'This income is already recorded' },
  'finance.approval_invalid': {
    'zh-CN': '所引用的业主表决不属于本小区、尚未公示或未通过',
    en: 'The vote cited is not this estate’s, not yet published, or did not pass',
  },
  'finance.approval_required': {
    'zh-CN': '支出须有业主表决或业主委员会决议作为依据',
    en: 'A spending needs an owners’ vote or a committee decision behind it',
  },
  'finance.spending_not_found': { 'zh-CN': '支出事项不存在', en: 'No such spending' },
  'finance.spending_state': { 'zh-CN': '该支出当前不能进行此操作', en: 'This spending cannot take that step now' },
  'finance.publicity_running': {
    'zh-CN': '公示期至 {until} 结束，公示期满后方可支付',
    en: 'The 公示 period runs until {until}; the payment can be made after it',
  },
  'finance.cosign_needed': {
    'zh-CN': '共管账户须经社区会签后方可支付',
    en: 'A co-managed account needs the community’s co-signature first',
  },
  'finance.no_surplus': { 'zh-CN': '本年度没有可转存的结余', en: 'There is no surplus to transfer for the year' },
  'finance.transfer_done': {
    'zh-CN': '{year} 年度结余已转存',
    en: 'The surplus of {year} has already been transferred',
  },
  'finance.arrears_reminder': {
    'zh-CN': '【物业费催缴】您的房屋 {unit} 自 {since} 起欠缴物业费 {yuan} 元，请及时缴纳。',
    en: '[Property fees] {unit} owes {yuan} yuan since {since}; please pay.',
  },
  'finance.due_process': {
    'zh-CN':
      '列入恶意拖欠名单须欠费满 {minMonths} 个月并已送达 {needed} 次书面催缴（现欠费 {months} 个月、书面催缴 {written} 次）',
    en: 'Listing needs {minMonths} months owed and {needed} written reminders delivered (now {months} months, {written} reminders)',
  },
  'finance.already_listed': { 'zh-CN': '该房屋已在名单中', en: 'This unit is already on the list' },
});
