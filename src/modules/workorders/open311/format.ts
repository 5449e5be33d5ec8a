/**
 * Open311 GeoReport v2 wire formats, pure: the same value rendered as JSON or as the spec's XML.
 * XML names list items by the singular of their parent (`<services><service>`, `<service_requests><request>`…).
 */

export type Format = 'json' | 'xml';
export type Open311Value =
  | string
  | number
  | boolean
  | null
  | undefined
  | Open311Value[]
  | { [k: string]: Open311Value };

/** Asia/Shanghai has had no daylight saving since 1991: a fixed +08:00 offset is exact. */
export function iso8(at: Date | string | null | undefined): string | null {
  if (at === null || at === undefined) return null;
  const ms = new Date(at).getTime();
  if (Number.isNaN(ms)) return null;
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The XML element name of each item inside a list element. */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for element content or attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the control characters XML 1.0 cannot carry
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (c) => ENTITIES[c] as string)
  );
}

function element(name: string, value: Open311Value): string {
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = ITEM[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole XML document with `root` as its outer element. */
export function toXml(root: string, value: Open311Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

export const CONTENT_TYPE: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The body in the requested format; JSON keeps `null`s, XML renders them as empty elements. */
export function render(format: Format, root: string, value: Open311Value): string {
  return format === 'xml' ? toXml(root, value) : JSON.stringify(value);
}

/** Open311 errors: `[{code, description}]` or `<errors><error>…</error></errors>`. */
export function renderErrors(format: Format, status: number, description: string): string {
  return render(format, 'errors', [{ code: status, description }]);
}
