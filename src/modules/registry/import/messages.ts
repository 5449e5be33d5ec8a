import { defineMessages } from '../../../kernel/i18n.ts';

/** Messages of the registry import. Check-digit, phone and area messages reuse the registry's own (registry.*). */
defineMessages({
  'import.required': { 'zh-CN': '必填', en: 'is required' },
  'import.too_long': { 'zh-CN': '不能超过 {max} 个字符', en: 'must be at most {max} characters' },
  'import.code': {
    'zh-CN': '只能包含字母、数字、“-”“_”“.”，最长 32 位',
    en: 'may only hold letters, digits, "-", "_" and ".", at most 32 characters',
  },
  'import.integer': { 'zh-CN': '应为整数', en: 'must be a whole number' },
  'import.decimal': { 'zh-CN': '应为数字', en: 'must be a number' },
  'import.range': { 'zh-CN': '应在 {min} 到 {max} 之间', en: 'must be between {min} and {max}' },
  'import.enum': { 'zh-CN': '取值应为：{allowed}', en: 'must be one of: {allowed}' },
  'import.bool': { 'zh-CN': '应填“是”或“否”', en: 'must be yes or no' },
  'import.date': { 'zh-CN': '日期应为 YYYY-MM-DD 格式', en: 'must be a date as YYYY-MM-DD' },
  'import.number_as_text': {
    'zh-CN': '长数字被 Excel 存成了数值，已丢失末位，请将此列设为“文本”后重新填写',
    en: 'Excel stored this long number as a number and lost its last digits; format the column as text and enter it again',
  },
  'import.missing_column': { 'zh-CN': '缺少必需的列“{column}”', en: 'the required column "{column}" is missing' },
  'import.missing_one_of': {
    'zh-CN': '至少需要以下列之一：{columns}',
    en: 'at least one of these columns is needed: {columns}',
  },
  'import.unknown_column': { 'zh-CN': '无法识别的列“{column}”', en: 'unknown column "{column}"' },
  'import.duplicate_column': { 'zh-CN': '列“{column}”重复出现', en: 'the column "{column}" appears twice' },
  'import.unknown_sheet': {
    'zh-CN': '无法识别的工作表“{name}”，应为：区域、企业、小区、楼栋、房屋、业主、员工',
    en: 'unknown sheet "{name}"; expected one of: regions, companies, estates, buildings, units, owners, staff',
  },
  'import.duplicate_sheet': {
    'zh-CN': '与工作表“{other}”是同一类数据，请合并为一张表',
    en: 'holds the same kind of data as sheet "{other}"; merge them',
  },
  'import.unknown_kind': {
    'zh-CN': '无法判断 CSV 文件的数据类型，请用区域/企业/小区/楼栋/房屋/业主/员工命名文件或指定类型',
    en: 'cannot tell what this CSV file holds; name it after its kind (regions, companies, estates, buildings, units, owners, staff) or give the kind',
  },
  'import.unreadable': { 'zh-CN': '无法读取文件：{reason}', en: 'cannot read the file: {reason}' },
  'import.unsupported_file': { 'zh-CN': '只支持 .xlsx 和 .csv 文件', en: 'only .xlsx and .csv files are supported' },
  'import.empty': { 'zh-CN': '文件中没有数据', en: 'the file holds no data' },
  'import.duplicate_row': { 'zh-CN': '与第 {row} 行重复（{key}）', en: 'duplicates row {row} ({key})' },
  'import.not_found': {
    'zh-CN': '找不到{what}“{value}”（文件和系统中均没有）',
    en: 'no {what} "{value}" in the file or in the system',
  },
  'import.depends_on_invalid': {
    'zh-CN': '所引用的{what}“{value}”（{sheet}第 {row} 行）有错误',
    en: 'the {what} "{value}" it refers to ({sheet} row {row}) has errors',
  },
  'import.out_of_scope': { 'zh-CN': '不在您的管辖或管理范围内', en: 'is outside your jurisdiction or management' },
  'import.region_parent_level': {
    'zh-CN': '上级区域层级不符（市 > 区 > 街道 > 社区），市级区域不填上级',
    en: 'the parent has the wrong level (city > district > street > community); a city has no parent',
  },
  'import.region_moved': {
    'zh-CN': '区域已存在，导入不能更改其级别或上级',
    en: 'the region exists; an import cannot change its level or parent',
  },
  'import.not_community': { 'zh-CN': '“{value}”不是社区级区域', en: '"{value}" is not a community' },
  'import.company_mode': {
    'zh-CN': '管理方式为“物业企业”时必须填写物业企业信用代码，自管或社区托管时不应填写',
    en: 'an estate managed by a company needs its USCC; self-managed or community-custody estates have none',
  },
  'import.staff_estate_company': {
    'zh-CN': '派驻小区必须由该员工所在企业管理',
    en: 'staff can only be assigned to estates their company manages',
  },
  'import.unit_not_owned': {
    'zh-CN': '该房屋登记为开发商持有（未售或未交付），不能登记业主',
    en: 'the unit is held by the developer (unsold or undelivered) and cannot have owners',
  },
  'import.two_representatives': {
    'zh-CN': '同一房屋只能有一位代表人（已在第 {row} 行指定）',
    en: 'a unit has one representative only (already row {row})',
  },
  'import.needs_representative': {
    'zh-CN': '共有房屋须指定一位代表人',
    en: 'a co-owned unit needs one representative',
  },
  'import.person_conflict': {
    'zh-CN': '同一身份证号在第 {row} 行的{column}不同',
    en: 'the same resident ID number has a different {column} in row {row}',
  },
  'import.what.region': { 'zh-CN': '区域', en: 'region' },
  'import.what.company': { 'zh-CN': '企业', en: 'company' },
  'import.what.estate': { 'zh-CN': '小区', en: 'estate' },
  'import.what.building': { 'zh-CN': '楼栋', en: 'building' },
  'import.what.unit': { 'zh-CN': '房屋', en: 'unit' },
  'import.progress.read': { 'zh-CN': '正在读取文件', en: 'Reading the file' },
  'import.progress.validate': { 'zh-CN': '正在校验', en: 'Validating' },
  'import.progress.write': { 'zh-CN': '正在写入{sheet}', en: 'Writing {sheet}' },
  'import.progress.done': { 'zh-CN': '导入完成', en: 'Import finished' },
  'import.progress.rejected': { 'zh-CN': '存在错误，未导入任何数据', en: 'Errors found; nothing was imported' },
  'import.no_file': { 'zh-CN': '请上传文件（字段 file）', en: 'upload a file (field "file")' },
  'import.bad_mode': { 'zh-CN': 'mode 只能是 all 或 valid_only', en: 'mode must be all or valid_only' },
  'import.bad_kind': { 'zh-CN': '未知的数据类型 {kind}', en: 'unknown kind {kind}' },
});
