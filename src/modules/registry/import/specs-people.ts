import { POSITIONS } from '../schemas.ts';
import type { EnumValue, SheetSpec } from './sheets.ts';
import { buildingRef, estateRef, unitRef } from './specs-places.ts';

/** The sheets of people: owners and staff (pure data). */

/** Position labels shared by the staff sheet and the template. */
export const POSITION_LABELS: Record<(typeof POSITIONS)[number], EnumValue> = {
  general_manager: { value: 'general_manager', 'zh-CN': '总经理', en: 'general manager', aliases: ['经理'] },
  project_manager: {
    value: 'project_manager',
    'zh-CN': '项目负责人',
    en: 'project manager',
    aliases: ['项目经理', '物业经理'],
  },
  engineer: { value: 'engineer', 'zh-CN': '工程维修', en: 'engineer', aliases: ['工程', '维修', '维修工', '电工'] },
  customer_service: {
    value: 'customer_service',
    'zh-CN': '客服',
    en: 'customer service',
    aliases: ['客户服务', '前台', 'customer_service'],
  },
  security: { value: 'security', 'zh-CN': '秩序维护', en: 'security', aliases: ['保安', '安保', '秩序维护员'] },
  cleaner: { value: 'cleaner', 'zh-CN': '保洁', en: 'cleaner', aliases: ['保洁员', '环境'] },
  gardener: { value: 'gardener', 'zh-CN': '绿化', en: 'gardener', aliases: ['绿化工', '园林'] },
  other: { value: 'other', 'zh-CN': '其他', en: 'other', aliases: ['其它'] },
};

export const PEOPLE_SHEETS: SheetSpec[] = [
  {
    kind: 'owners',
    name: { 'zh-CN': '业主', en: 'owners' },
    aliases: ['业主信息', '产权人', 'owner'],
    key: ['estate', 'building', 'number', 'idNumber'],
    columns: [
      estateRef,
      buildingRef,
      unitRef,
      {
        key: 'name',
        header: { 'zh-CN': '姓名', en: 'Name' },
        aliases: ['业主姓名', 'name'],
        type: 'text',
        required: true,
        maxLength: 50,
        example: '王芳',
      },
      {
        key: 'idNumber',
        header: { 'zh-CN': '身份证号', en: 'Resident ID number' },
        aliases: ['身份证号码', '公民身份号码', '证件号码', 'id number', 'id'],
        type: 'residentId',
        required: true,
        example: '11010519491231002X',
      },
      {
        key: 'phone',
        header: { 'zh-CN': '手机号', en: 'Mobile' },
        aliases: ['手机', '联系电话', '电话', 'phone'],
        type: 'mobile',
        example: '13900000000',
      },
      {
        key: 'representative',
        header: { 'zh-CN': '代表人', en: 'Representative' },
        aliases: ['是否代表人', '投票代表', 'representative owner'],
        type: 'bool',
        example: '是',
      },
      {
        key: 'since',
        header: { 'zh-CN': '取得日期', en: 'Owned since' },
        aliases: ['登记日期', '取得时间', 'since'],
        type: 'date',
        example: '2020-06-01',
      },
    ],
  },
  {
    kind: 'staff',
    name: { 'zh-CN': '员工', en: 'staff' },
    aliases: ['物业人员', '从业人员', '人员', 'employees', 'employee'],
    key: ['company', 'phone'],
    columns: [
      {
        key: 'company',
        header: { 'zh-CN': '企业信用代码', en: 'Company USCC' },
        aliases: ['统一社会信用代码', '物业企业信用代码', '物业企业', 'company'],
        type: 'uscc',
        required: true,
        example: '91340000MA0000001E',
      },
      {
        key: 'name',
        header: { 'zh-CN': '姓名', en: 'Name' },
        aliases: ['员工姓名', 'name'],
        type: 'text',
        required: true,
        maxLength: 50,
        example: '刘强',
      },
      {
        key: 'phone',
        header: { 'zh-CN': '手机号', en: 'Mobile' },
        aliases: ['手机', '联系电话', 'phone'],
        type: 'mobile',
        required: true,
        example: '13700000000',
      },
      {
        key: 'idNumber',
        header: { 'zh-CN': '身份证号', en: 'Resident ID number' },
        aliases: ['身份证号码', '证件号码', 'id number'],
        type: 'residentId',
        example: '',
      },
      {
        key: 'position',
        header: { 'zh-CN': '岗位', en: 'Position' },
        aliases: ['职务', '岗位类别', 'position'],
        type: 'enum',
        required: true,
        values: POSITIONS.map((p) => POSITION_LABELS[p]),
        example: '项目负责人',
      },
      {
        key: 'estate',
        header: { 'zh-CN': '派驻小区编码', en: 'Assigned estate code' },
        aliases: ['服务小区编码', '小区编码', 'estate'],
        type: 'code',
        example: 'EX-001',
      },
      {
        key: 'status',
        header: { 'zh-CN': '在职状态', en: 'Status' },
        aliases: ['状态', 'status'],
        type: 'enum',
        values: [
          { value: 'active', 'zh-CN': '在职', en: 'active' },
          { value: 'left', 'zh-CN': '离职', en: 'left' },
        ],
        example: '在职',
      },
    ],
  },
];
