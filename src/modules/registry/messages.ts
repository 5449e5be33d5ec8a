import { defineMessages } from '../../kernel/i18n.ts';

defineMessages({
  'registry.invalid_uscc': {
    'zh-CN': '统一社会信用代码校验位不正确（GB 32100）',
    en: 'invalid unified social credit code (GB 32100 check digit)',
  },
  'registry.invalid_resident_id': {
    'zh-CN': '居民身份证号码校验位或出生日期不正确（GB 11643）',
    en: 'invalid resident ID number (GB 11643 check digit or birth date)',
  },
  'registry.invalid_phone': {
    'zh-CN': '应为 11 位中国大陆手机号',
    en: 'must be an 11-digit mainland China mobile number',
  },
  'registry.invalid_area': {
    'zh-CN': '面积应为正数，最多两位小数',
    en: 'area must be a positive number with at most two decimals',
  },
  'registry.area_required': {
    'zh-CN': '至少填写登记、测绘或合同面积之一',
    en: 'at least one of registered, surveyed or contract area is required',
  },
  'registry.region_parent': {
    'zh-CN': '上级区域层级不符（市 > 区 > 街道 > 社区）',
    en: 'the parent region has the wrong level (city > district > street > community)',
  },
  'registry.not_community': { 'zh-CN': '小区必须属于一个社区', en: 'an estate must belong to a community' },
  'registry.region_out_of_scope': {
    'zh-CN': '该区域不在您的管辖范围内',
    en: 'that region is outside your jurisdiction',
  },
  'registry.company_required': {
    'zh-CN': '委托物业企业管理的小区必须指定物业企业；自管或社区托管的小区不应指定',
    en: 'an estate managed by a company needs one; self-managed or community-custody estates have none',
  },
  'registry.project_manager_company': {
    'zh-CN': '项目负责人必须是该小区物业企业的在职员工',
    en: 'the project manager must be active staff of the estate’s company',
  },
  'registry.staff_estate_company': {
    'zh-CN': '员工只能派驻到本企业服务的小区',
    en: 'staff can only be assigned to estates their company manages',
  },
  'registry.duplicate': { 'zh-CN': '{what} 已存在：{value}', en: '{what} already exists: {value}' },
  'registry.person_required': {
    'zh-CN': '请提供 personId，或姓名与身份证号',
    en: 'give a personId, or a name and resident ID number',
  },
  'registry.not_estate_person': {
    'zh-CN': '委员必须是本小区业主',
    en: 'committee members must be owners in this estate',
  },
  'registry.term_too_long': {
    'zh-CN': '任期须在 5 年以内，且结束日期晚于开始日期',
    en: 'a term ends after it starts and lasts at most 5 years',
  },
  'registry.one_director': { 'zh-CN': '委员会须有且只有一名主任', en: 'a committee has exactly one director' },
  'registry.member_name_required': {
    'zh-CN': '非业主委员须填写姓名',
    en: 'members who are not owners need a name',
  },
  'registry.committee_not_found': { 'zh-CN': '委员会不存在', en: 'no such committee' },
  'registry.committee_not_active': {
    'zh-CN': '该委员会已不在任',
    en: 'this committee is no longer in office',
  },
  'registry.no_vacancy': {
    'zh-CN': '委员会只有 {vacancies} 个空缺席位',
    en: 'the committee has only {vacancies} vacant seats',
  },
  'registry.member_already_left': { 'zh-CN': '该委员已离任', en: 'this member has already left' },
  'registry.not_a_member': { 'zh-CN': '只能在现任委员中确定职务', en: 'positions go to seated members only' },
  'registry.commitment_signed': { 'zh-CN': '已签署履职承诺', en: 'the duty commitment is already signed' },
  'registry.handover_not_due': {
    'zh-CN': '新一届委员会产生或任期届满后才需移交',
    en: 'a handover is due once a successor is seated or the term has ended',
  },
  'registry.handover_exists': { 'zh-CN': '移交清单已提交', en: 'the handover list has already been submitted' },
  'registry.handover_confirmed': { 'zh-CN': '移交已确认', en: 'the handover has already been confirmed' },
  'registry.handover_same_person': {
    'zh-CN': '须由接收方确认，不能由移交人本人确认',
    en: 'the receiving side confirms, not the person who handed over',
  },
});

defineMessages({
  'registry.scope_mismatch': {
    'zh-CN': '角色 {role} 的管辖范围不存在或类型不符',
    en: 'the scope for role {role} does not exist or has the wrong kind',
  },
});
