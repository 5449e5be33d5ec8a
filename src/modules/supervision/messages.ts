import { defineMessages } from '../../kernel/i18n.ts';

defineMessages({
  'credit.staff_not_of_company': {
    'zh-CN': '所选项目负责人不是该企业的员工',
    en: 'The project manager named is not on that company’s staff',
  },
  'credit.district_not_found': { 'zh-CN': '区县不存在', en: 'No such district' },
  'stars.not_used': {
    'zh-CN': '本市未启用物业服务星级评定，请先在评价方案中启用',
    en: 'The city does not use star ratings; switch them on in the scheme settings first',
  },
  'stars.not_found': { 'zh-CN': '星级评定记录不存在', en: 'No such star rating' },
  'stars.revoked': { 'zh-CN': '该星级评定已撤销', en: 'This star rating is already revoked' },
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
  'credit.period_not_ended': {
    'zh-CN': '{period} 尚未结束（截至 {end}），季度结束后方可发布',
    en: '{period} runs until {end}: it is published once it has ended',
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
  'mediation.not_found': { 'zh-CN': '纠纷记录不存在', en: 'No such dispute' },
  'mediation.state': {
    'zh-CN': '该纠纷当前为“{state}”，不能进行此操作',
    en: 'The dispute is {state}: this step is not possible now',
  },
  'mediation.state.open': { 'zh-CN': '调解中', en: 'being mediated' },
  'mediation.state.mediated': { 'zh-CN': '调解成功', en: 'mediated' },
  'mediation.state.withdrawn': { 'zh-CN': '已撤回', en: 'withdrawn' },
  'mediation.state.failed': { 'zh-CN': '调解不成', en: 'not settled' },
  'mediation.state.referred': { 'zh-CN': '已移送法院', en: 'referred to the court' },
  'mediation.state.filed': { 'zh-CN': '法院已立案', en: 'filed by the court' },
  'mediation.state.court_mediated': { 'zh-CN': '法院调解结案', en: 'settled by the court’s mediation' },
  'mediation.state.judged': { 'zh-CN': '已判决', en: 'judged' },
  'mediation.state.court_withdrawn': { 'zh-CN': '诉讼已撤回', en: 'withdrawn in court' },
  'mediation.top_level': {
    'zh-CN': '区级调解委员会已是最高一级，调解不成可移送法院',
    en: 'The district committee is the last level: if it cannot settle, refer the dispute to the court',
  },
  'mediation.agreement_required': {
    'zh-CN': '调解成功须填写调解协议内容',
    en: 'A mediated dispute needs the agreement’s terms',
  },
  'inspection.item_codes': { 'zh-CN': '检查项目编码不得重复', en: 'Item codes must be unique' },
  'inspection.template_not_found': { 'zh-CN': '检查表不存在', en: 'No such checklist' },
  'inspection.draw_too_many': {
    'zh-CN': '辖区内只有 {count} 个小区，抽取数量过多',
    en: 'Your region has only {count} estates to draw from',
  },
  'inspection.estates_required': { 'zh-CN': '请指定小区或随机抽取数量', en: 'Name the estates or how many to draw' },
  'inspection.not_found': { 'zh-CN': '检查记录不存在', en: 'No such inspection' },
  'inspection.submitted': { 'zh-CN': '该检查已提交，不能再修改', en: 'The inspection has been submitted' },
  'inspection.photo_type': { 'zh-CN': '照片须为 JPEG 或 PNG 图片', en: 'A photo must be a JPEG or PNG image' },
  'inspection.photo_too_large': { 'zh-CN': '照片不能超过 {max} MB', en: 'A photo may be at most {max} MB' },
  'inspection.photo_not_found': { 'zh-CN': '照片不存在', en: 'No such photo' },
  'inspection.item_missing': { 'zh-CN': '检查项“{item}”尚未填写', en: 'The item “{item}” has not been filled in' },
  'inspection.item_unknown': { 'zh-CN': '检查表中没有该检查项', en: 'The checklist has no such item' },
  'inspection.score_too_high': {
    'zh-CN': '检查项“{item}”得分不能超过 {max} 分',
    en: 'The item “{item}” scores at most {max}',
  },
  'inspection.photo_required': {
    'zh-CN': '检查项“{item}”须上传现场照片',
    en: 'The item “{item}” needs a photo',
  },
  'inspection.notice_not_found': { 'zh-CN': '整改通知书不存在', en: 'No such rectification notice' },
  'inspection.not_yours': { 'zh-CN': '该操作不属于您的职责', en: 'This step is not yours to take' },
  'inspection.notice_state': {
    'zh-CN': '整改通知书当前为“{state}”，不能进行此操作',
    en: 'The notice is {state}: this step is not possible now',
  },
  'inspection.state.issued': { 'zh-CN': '待整改', en: 'issued' },
  'inspection.state.answered': { 'zh-CN': '已回复待复查', en: 'answered, awaiting re-inspection' },
  'inspection.state.passed': { 'zh-CN': '复查通过', en: 'passed' },
  'inspection.state.reopened': { 'zh-CN': '复查未通过', en: 'reopened' },
  'inspection.deadline_required': {
    'zh-CN': '复查未通过须给出新的整改期限（晚于今天）',
    en: 'A reopened notice needs a new deadline after today',
  },
});
