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

defineMessages({
  'voting.phase.draft': { 'zh-CN': '草稿', en: 'a draft' },
  'voting.phase.announced': { 'zh-CN': '已公告', en: 'announced' },
  'voting.phase.open': { 'zh-CN': '投票中', en: 'open for voting' },
  'voting.phase.ended': { 'zh-CN': '投票已截止', en: 'past its close' },
  'voting.phase.closed': { 'zh-CN': '已计票', en: 'counted' },
  'voting.phase.published': { 'zh-CN': '结果公示中', en: 'published' },
  'voting.phase.archived': { 'zh-CN': '已归档', en: 'archived' },
  'voting.phase.cancelled': { 'zh-CN': '已取消', en: 'cancelled' },
  'voting.action.announce': { 'zh-CN': '公告', en: 'be announced' },
  'voting.action.close': { 'zh-CN': '截止计票', en: 'be closed' },
  'voting.action.publish': { 'zh-CN': '公示结果', en: 'be published' },
  'voting.action.cancel': { 'zh-CN': '取消', en: 'be cancelled' },
  'voting.action.seat': { 'zh-CN': '确认当选委员就任', en: 'seat the elected' },
  'voting.action.proxy': { 'zh-CN': '登记委托', en: 'take proxies' },
  'voting.action.attach': {
    'zh-CN': '添加附件（公告后事项内容不可更改）',
    en: 'take attachments (fixed once announced)',
  },
  'voting.action.scan': { 'zh-CN': '上传纸质选票扫描件', en: 'take ballot scans' },
  'voting.file_too_large': { 'zh-CN': '文件不能超过 {max} MB', en: 'Files may be at most {max} MB' },
  'voting.file_type': { 'zh-CN': '只接受 PDF、JPEG 或 PNG 文件', en: 'Only PDF, JPEG or PNG files are accepted' },
  'voting.scan_invalid': {
    'zh-CN': '请先上传本张纸质选票的扫描件（每份扫描件只能对应一张选票）',
    en: 'Upload this paper ballot’s scan first (one scan per ballot)',
  },
  'voting.petition_units_required': {
    'zh-CN': '业主提议须列出签名业主的房屋',
    en: 'A petition lists the units whose owners signed it',
  },
  'voting.petition_short': {
    'zh-CN': '提议业主须占专有部分面积 20% 以上且占业主人数 20% 以上（现为面积 {area}%、人数 {persons}%）',
    en: 'A petition needs owners of 20% or more of the area and 20% or more of the owners (now {area}% and {persons}%)',
  },
  'voting.committee_required': { 'zh-CN': '请选择被评议的委员会', en: 'Choose the committee under review' },
  'voting.committee_invalid': {
    'zh-CN': '该委员会不属于本小区或已不在任',
    en: 'The committee is not this estate’s, or no longer in office',
  },
  'voting.notice_below_rules': {
    'zh-CN': '议事规则规定至少提前 {days} 日公告',
    en: 'The assembly rules require at least {days} days’ notice',
  },
  'voting.candidate_not_owner': {
    'zh-CN': '候选人须为业主：房屋“{unit}”不存在或没有登记业主',
    en: 'Candidates must be owners: unit "{unit}" does not exist or has no owner on record',
  },
  'voting.candidate_twice': { 'zh-CN': '候选人 {name} 重复', en: 'Candidate {name} is listed twice' },
  'voting.revote_forbidden': {
    'zh-CN': '本小区议事规则不允许改投',
    en: 'The assembly rules do not allow a ballot to be replaced',
  },
  'voting.seats_invalid': {
    'zh-CN': '业主委员会委员应为 5 至 11 人的单数（小区规模较小的可为 3 人）；补选请选择所属委员会',
    en: 'A committee has an odd number of seats from 5 to 11 (3 in a small estate); for a by-election choose the committee',
  },
  'voting.seats_exceed_vacancies': {
    'zh-CN': '补选名额不能超过委员会现有空缺（{vacancies} 名）',
    en: 'A by-election fills at most the committee’s {vacancies} vacant seats',
  },
  'voting.not_an_election': { 'zh-CN': '该事项不是委员选举', en: 'This matter is not an election' },
  'voting.already_seated': { 'zh-CN': '当选委员已就任', en: 'The elected have already been seated' },
  'voting.runoff_needed': {
    'zh-CN': '最后席位出现票数相同，须先组织决选',
    en: 'The last seat is tied: a runoff is needed first',
  },
  'voting.nobody_elected': { 'zh-CN': '没有候选人当选', en: 'Nobody was elected' },
  'voting.seat_details_required': {
    'zh-CN': '请填写任期起止日期并指定主任',
    en: 'Give the term’s start and end and name the director',
  },
  'voting.position_not_elected': {
    'zh-CN': '主任、副主任须从当选委员中产生',
    en: 'The director and deputies must be among the elected',
  },
});
