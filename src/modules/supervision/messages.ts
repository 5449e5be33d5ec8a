import { defineMessages } from '../../kernel/i18n.ts';

defineMessages({
  'credit.scheme_invalid': {
    'zh-CN': '评价方案有误：等级分数线须由高到低，评价项目编码不得重复',
    en: 'The scheme is invalid: grade thresholds must descend and item codes must be unique',
  },
  'credit.item_unknown': { 'zh-CN': '评价方案中没有“{item}”这一项目', en: 'The scheme has no item “{item}”' },
  'credit.validity_invalid': {
    'zh-CN': '有效期不能早于记录日期',
    en: 'The validity cannot end before the record’s date',
  },
  'credit.record_not_found': { 'zh-CN': '信用记录不存在', en: 'No such credit record' },
  'credit.company_not_found': { 'zh-CN': '企业不存在', en: 'No such company' },
  'credit.record_state': {
    'zh-CN': '该信用记录当前状态不允许此操作',
    en: 'The credit record is not in a state that allows this',
  },
  'credit.same_person': {
    'zh-CN': '信用记录须由录入人以外的人员审核',
    en: 'A credit record must be approved by someone other than who entered it',
  },
  'credit.objection_closed': {
    'zh-CN': '申诉期已于 {until} 结束',
    en: 'The objection window closed on {until}',
  },
  'credit.period_invalid': { 'zh-CN': '评价期须为“2026Q3”格式的季度', en: 'A period is a quarter such as 2026Q3' },
  'credit.period_published': {
    'zh-CN': '{period} 的评价结果已发布，不能更改',
    en: '{period} is published and cannot change',
  },
  'credit.period_order': {
    'zh-CN': '已发布更晚的评价期 {period}，不能补发更早的评价期',
    en: 'A later period ({period}) is already published',
  },
  'credit.period_not_found': { 'zh-CN': '该评价期尚未发布', en: 'That period has not been published' },
  'credit.objections_open': {
    'zh-CN': '尚有 {count} 项申诉未处理，处理完毕后方可发布',
    en: '{count} objections are still open: decide them before publishing',
  },
  'credit.base_too_high': {
    'zh-CN': '基础信息分超过评价方案的上限',
    en: 'A base score exceeds the scheme’s maximum',
  },
});
