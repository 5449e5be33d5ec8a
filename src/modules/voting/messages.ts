import { defineMessages } from '../../kernel/i18n.ts';

defineMessages({
  'voting.matter_not_found': { 'zh-CN': '表决事项不存在或无权查看', en: 'No such matter, or you may not see it' },
  'voting.election_needs_candidates': {
    'zh-CN': '选举业主委员会须给出席位数和候选人',
    en: 'An election needs its seats and candidates',
  },
  'voting.too_few_candidates': {
    'zh-CN': '候选人不得少于应选席位 {seats} 名',
    en: 'Fewer candidates than the {seats} seats',
  },
  'voting.window_invalid': { 'zh-CN': '投票截止时间须晚于开始时间', en: 'Voting must close after it opens' },
  'voting.scope_required': { 'zh-CN': '请选择涉及的楼栋或房屋', en: 'Choose the buildings or units concerned' },
  'voting.wrong_state': {
    'zh-CN': '表决事项当前为“{state}”，不能{action}',
    en: 'The matter is {state}: it cannot {action}',
  },
  'voting.notice_too_short': {
    'zh-CN': '须在投票开始前至少 {days} 日公告',
    en: 'The matter must be announced at least {days} days before voting opens',
  },
  'voting.roll_empty': { 'zh-CN': '表决范围内没有任何专有部分', en: 'No units lie within the scope' },
  'voting.already_open': { 'zh-CN': '投票已开始，不能取消', en: 'Voting has opened; it can no longer be cancelled' },
  'voting.still_open': { 'zh-CN': '投票尚未截止（截止于 {closesAt}）', en: 'Voting is still open until {closesAt}' },
  'voting.not_open': {
    'zh-CN': '不在投票时间内（{opensAt} 至 {closesAt}）',
    en: 'Voting is not open (from {opensAt} to {closesAt})',
  },
  'voting.not_on_roll': { 'zh-CN': '您不在本次表决名册中', en: 'You are not on this vote’s roll' },
  'voting.choice_invalid': {
    'zh-CN': '请选择同意、反对或弃权',
    en: 'Choose agree, oppose or abstain',
  },
  'voting.choices_invalid': {
    'zh-CN': '请从候选人中选择，最多 {seats} 人且不得重复',
    en: 'Choose up to {seats} different candidates from the list',
  },
  'voting.already_voted': {
    'zh-CN': '您已投票；如需改投，请确认替换原选票',
    en: 'You have already voted; confirm to replace your ballot',
  },
  'voting.paper_counted': {
    'zh-CN': '您的纸质选票已计入，不能在线改投',
    en: 'Your paper ballot counts; it cannot be replaced online',
  },
  'voting.unit_not_on_roll': {
    'zh-CN': '房屋“{unit}”不在本次表决名册中',
    en: 'Unit "{unit}" is not on this vote’s roll',
  },
  'voting.serial_used': { 'zh-CN': '纸质选票编号 {serial} 已录入', en: 'Paper ballot {serial} was already entered' },
  'voting.objection_closed': {
    'zh-CN': '只能在投票开始前对表决名册提出异议',
    en: 'Objections to the roll are taken only before voting opens',
  },
  'voting.no_proxy': {
    'zh-CN': '没有登记由您代为表决房屋“{unit}”的委托书',
    en: 'No proxy is recorded for you to vote for unit "{unit}"',
  },
  'voting.proxy_self': { 'zh-CN': '不能委托本人', en: 'An owner cannot be their own proxy' },
  'voting.proxy_limit': {
    'zh-CN': '每位受托人最多代理 {limit} 位业主',
    en: 'One holder may represent at most {limit} owners',
  },
  'voting.proxy_exists': { 'zh-CN': '该业主已有登记的委托', en: 'This owner already has a proxy on record' },
});
