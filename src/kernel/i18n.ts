/** Messages in the product's two languages. zh-CN first; every message has both. */
export type Lang = 'zh-CN' | 'en';

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

const catalog: Catalog = {};

/** Modules register their messages at import time; a code may only be defined once. */
export function defineMessages(messages: Catalog): void {
  for (const [code, text] of Object.entries(messages)) {
    if (catalog[code]) throw new Error(`message ${code} defined twice`);
    catalog[code] = text;
  }
}

export function hasMessage(code: string): boolean {
  return code in catalog;
}

export function t(code: string, lang: Lang, params: Record<string, unknown> = {}): string {
  const entry = catalog[code];
  const template = entry ? entry[lang] : code;
  // A parameter that is itself a message code ('voting.state.open') is shown in the caller's language too.
  return template.replace(/\{(\w+)\}/g, (_, k) => {
    const v = params[k];
    if (v === undefined) return `{${k}}`;
    return typeof v === 'string' && v.includes('.') && catalog[v] ? catalog[v][lang] : String(v);
  });
}

/** The caller's language: ?lang=, then the anju_lang cookie, then Accept-Language; zh-CN by default. */
export function pickLang(query: unknown, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  const q = (query as { lang?: string } | undefined)?.lang;
  const pick = q ?? cookie ?? acceptLanguage ?? '';
  return /^en/i.test(pick.trim()) ? 'en' : 'zh-CN';
}

defineMessages({
  validation: { 'zh-CN': '请求参数有误', en: 'The request is invalid' },
  'validation.field': { 'zh-CN': '字段 {field}：{reason}', en: 'Field {field}: {reason}' },
  'validation.required': { 'zh-CN': '必填', en: 'is required' },
  'validation.unknown_field': { 'zh-CN': '不允许的字段', en: 'is not allowed' },
  'validation.type': { 'zh-CN': '类型应为 {type}', en: 'must be of type {type}' },
  'validation.format': { 'zh-CN': '格式不正确', en: 'has an invalid format' },
  'validation.range': { 'zh-CN': '超出允许范围', en: 'is out of range' },
  'validation.enum': { 'zh-CN': '取值不在允许范围内', en: 'is not one of the allowed values' },
  'validation.length': { 'zh-CN': '长度不符合要求', en: 'has an invalid length' },
  'validation.invalid': { 'zh-CN': '不合法', en: 'is invalid' },
  malformed_json: { 'zh-CN': '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  body_too_large: {
    'zh-CN': '请求体过大（上限 {limit} 字节）',
    en: 'The request body is too large (limit {limit} bytes)',
  },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  not_found: { 'zh-CN': '未找到请求的资源', en: 'The requested resource was not found' },
  route_not_found: { 'zh-CN': '接口不存在：{method} {url}', en: 'No such endpoint: {method} {url}' },
  unauthenticated: { 'zh-CN': '请先登录', en: 'Please sign in' },
  forbidden: { 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  csrf: {
    'zh-CN': '缺少或错误的 CSRF 令牌，请刷新页面后重试',
    en: 'Missing or wrong CSRF token; reload the page and retry',
  },
  version_conflict: {
    'zh-CN': '数据已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  conflict: { 'zh-CN': '与现有数据冲突：{detail}', en: 'Conflicts with existing data: {detail}' },
  rate_limited: {
    'zh-CN': '尝试次数过多，请 {minutes} 分钟后再试',
    en: 'Too many attempts; try again in {minutes} minutes',
  },
  too_many_requests: {
    'zh-CN': '请求过于频繁，请 {seconds} 秒后再试',
    en: 'Too many requests; try again in {seconds} seconds',
  },
  idempotency_key_invalid: { 'zh-CN': 'Idempotency-Key 过长', en: 'The Idempotency-Key is too long' },
  idempotency_key_reused: {
    'zh-CN': '该 Idempotency-Key 已用于另一个不同的请求',
    en: 'This Idempotency-Key was already used for a different request',
  },
  internal: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
});
