import { defineMessages } from '../../kernel/i18n.ts';

defineMessages({
  'workorders.ticket_not_found': { 'zh-CN': '工单不存在或无权查看', en: 'No such ticket, or you may not see it' },
  'workorders.invalid_transition': {
    'zh-CN': '工单当前状态（{state}）不能执行“{action}”；可执行：{allowed}',
    en: 'The ticket is {state}: "{action}" is not possible; allowed next: {allowed}',
  },
  'workorders.field_required': { 'zh-CN': '请填写 {field}', en: '{field} is required' },
  'workorders.category_not_leaf': {
    'zh-CN': '请选择到第三级的问题分类（且该分类在用）',
    en: 'Choose an active third-level problem category',
  },
  'workorders.place_required': { 'zh-CN': '请选择具体房屋或楼栋', en: 'Choose the unit or building' },
  'workorders.caller_required': {
    'zh-CN': '代为登记时请填写来电人姓名或电话',
    en: 'Record the caller’s name or phone when reporting on their behalf',
  },
  'workorders.too_many_photos': { 'zh-CN': '最多上传 {max} 张照片', en: 'At most {max} photos' },
  'workorders.photo_unknown': {
    'zh-CN': '照片不存在、已被使用或不是您上传的',
    en: 'A photo is unknown, already used, or not uploaded by you',
  },
  'workorders.photo_too_large': { 'zh-CN': '照片不能超过 {max} MB', en: 'A photo may be at most {max} MB' },
  'workorders.photo_type': {
    'zh-CN': '只支持 JPEG、PNG、WebP、HEIC 格式的照片',
    en: 'Only JPEG, PNG, WebP and HEIC photos are accepted',
  },
  'workorders.duplicate_invalid': {
    'zh-CN': '只能合并到同一小区的另一张有效工单',
    en: 'A duplicate can only be merged into another live ticket of the same estate',
  },
  'workorders.assignee_invalid': {
    'zh-CN': '处理人不属于负责本工单的单位',
    en: 'The assignee does not belong to the unit handling this ticket',
  },
  'workorders.assignee_required': {
    'zh-CN': '没有可派单的班组，请指定处理人',
    en: 'No team takes this category; name an assignee',
  },
  'workorders.department_required': {
    'zh-CN': '责任清单未列明该问题的职能部门，请指定部门',
    en: 'The responsibility table names no department for this problem; choose one',
  },
  'workorders.reopen_expired': {
    'zh-CN': '工单关闭已超过 {days} 天，不能重新打开，请重新报事',
    en: 'The ticket was closed more than {days} days ago; report it again instead',
  },
  'workorders.leaf_incomplete': {
    'zh-CN': '第三级分类必须填写 {field}',
    en: 'A third-level category needs {field}',
  },
  'workorders.category_parent': {
    'zh-CN': '上级分类不存在或已是第三级',
    en: 'The parent is missing or already level 3',
  },
  'workorders.workday_not_weekend': {
    'zh-CN': '调休上班日只能设在周末',
    en: 'A swapped working day (调休) must fall on a weekend',
  },
  'registry.unit_not_in_estate': {
    'zh-CN': '房屋或楼栋不属于该小区',
    en: 'The unit or building is not in this estate',
  },
  'registry.estate_not_found': { 'zh-CN': '小区不存在', en: 'No such estate' },

  // Notifications (rendered in zh-CN when queued)
  'workorders.notice.submitted': { 'zh-CN': '您的报事 {number} 已提交，等待受理', en: 'Ticket {number} was submitted' },
  'workorders.notice.accepted': { 'zh-CN': '您的报事 {number} 已受理', en: 'Ticket {number} was accepted' },
  'workorders.notice.dispatched': { 'zh-CN': '您的报事 {number} 已派单处理', en: 'Ticket {number} was dispatched' },
  'workorders.notice.in_progress': { 'zh-CN': '您的报事 {number} 正在处理', en: 'Ticket {number} is being handled' },
  'workorders.notice.waiting_resident': {
    'zh-CN': '您的报事 {number} 需要您配合，请查看处理说明',
    en: 'Ticket {number} is waiting for you; see the note',
  },
  'workorders.notice.escalation_requested': {
    'zh-CN': '您的报事 {number} 已提交街道协调',
    en: 'Ticket {number} went to the street office',
  },
  'workorders.notice.whistled': {
    'zh-CN': '您的报事 {number} 已由街道吹哨，转职能部门办理',
    en: 'Ticket {number} was sent to the responsible department',
  },
  'workorders.notice.department_handling': {
    'zh-CN': '您的报事 {number} 职能部门已报到处理',
    en: 'The department is handling ticket {number}',
  },
  'workorders.notice.resolved': {
    'zh-CN': '您的报事 {number} 已办结，请确认并评价',
    en: 'Ticket {number} was resolved; please confirm and rate it',
  },
  'workorders.notice.verified': { 'zh-CN': '您的报事 {number} 已核查通过', en: 'Ticket {number} was verified' },
  'workorders.notice.closed': { 'zh-CN': '您的报事 {number} 已关闭，感谢评价', en: 'Ticket {number} was closed' },
  'workorders.notice.rejected': { 'zh-CN': '您的报事 {number} 未予受理', en: 'Ticket {number} was not accepted' },
  'workorders.notice.merged': {
    'zh-CN': '您的报事 {number} 与已有工单重复，已合并处理',
    en: 'Ticket {number} duplicated another and was merged',
  },
  'workorders.notice.out_of_scope': {
    'zh-CN': '您的报事 {number} 不属于物业受理范围，请查看建议渠道',
    en: 'Ticket {number} is outside our scope; see the suggested channel',
  },
  'workorders.notice.assigned': { 'zh-CN': '新工单 {number} 已派给您', en: 'Ticket {number} was assigned to you' },
  'workorders.notice.escalation': {
    'zh-CN': '工单 {number} 等待街道审核吹哨',
    en: 'Ticket {number} awaits the street office’s escalation review',
  },
  'workorders.notice.whistle': {
    'zh-CN': '街道吹哨：工单 {number} 请按时报到',
    en: 'Whistle: report for ticket {number} in time',
  },
  'workorders.notice.rework': { 'zh-CN': '工单 {number} 被退回重办', en: 'Ticket {number} came back for rework' },
  'workorders.notice.reminder': {
    'zh-CN': '工单 {number} 即将超时（期限 {due}）',
    en: 'Ticket {number} is close to its deadline ({due})',
  },
  'workorders.notice.breach': {
    'zh-CN': '工单 {number} 已超时，已自动提交街道',
    en: 'Ticket {number} breached its deadline and was escalated',
  },
  'workorders.notice.report_late': {
    'zh-CN': '工单 {number} 的职能部门未按时报到',
    en: 'The department did not report for ticket {number} in time',
  },
});
