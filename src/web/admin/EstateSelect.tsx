import { Select } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { query } from '../api.ts';
import { useApi } from '../hooks.ts';
import type { Estate, Page } from '../types.ts';

const estateLabel = (e: Pick<Estate, 'name' | 'code'>) => `${e.name}（${e.code}）`;
/** What the server searches for: the typed text, without a trailing "（code）" pasted from a label. */
const searchTerm = (text: string) => text.replace(/（[^）]*）?$/, '').trim();

/**
 * One estate, or several, among those the signed-in user may see, found by the server as the user types (name, code
 * or address): a city has thousands, more than one list could carry. Picked estates keep their labels while the
 * search shows others.
 */
export function EstateSelect<V extends string | string[]>(props: {
  value?: V;
  onChange?(value: V): void;
  /** The picked estate itself, for a caller that shows its name. */
  onPicked?(estate: Estate | undefined): void;
  multiple?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
}) {
  const [typed, setTyped] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setTerm(searchTerm(typed)), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useApi<Page<Estate>>(`/api/v1/estates?${query({ q: term, limit: 50 })}`);
  const [seen, setSeen] = useState<Map<string, Estate>>(new Map());
  useEffect(() => {
    const items = found.data?.items;
    if (items?.length) setSeen((m) => new Map([...m, ...items.map((e) => [e.id, e] as const)]));
  }, [found.data]);
  const values = Array.isArray(props.value) ? props.value : props.value ? [props.value] : [];
  // A value given from outside (a link's ?estateId=) is read once for its label.
  const unseen = values.find((id) => !seen.has(id));
  const given = useApi<Estate>(unseen ? `/api/v1/estates/${unseen}` : null);
  useEffect(() => {
    const e = given.data;
    if (e) setSeen((m) => new Map(m).set(e.id, e));
  }, [given.data]);
  const picked = values.map((id) => seen.get(id)).filter((e): e is Estate => !!e);
  const options = [...picked, ...(found.data?.items ?? []).filter((e) => !picked.some((p) => p.id === e.id))];
  return (
    <Select<V>
      mode={props.multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear={props.allowClear}
      placeholder={props.placeholder}
      style={props.style}
      value={props.value}
      onChange={(v) => {
        setTyped('');
        props.onChange?.(v);
        props.onPicked?.(typeof v === 'string' ? seen.get(v) : undefined);
      }}
      loading={found.loading}
      options={options.map((e) => ({ value: e.id, label: estateLabel(e) }))}
      data-testid={props.testId}
    />
  );
}
