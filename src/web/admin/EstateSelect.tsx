import { Select } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { query } from '../api.ts';
import { useApi } from '../hooks.ts';
import type { Company, Estate, Page } from '../types.ts';

interface SelectProps<V, T> {
  value?: V;
  onChange?(value: V): void;
  /** The picked row itself, for a caller that shows more than its id. */
  onPicked?(row: T | undefined): void;
  multiple?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
}

/**
 * One row of a registry list, or several, among those the signed-in user may see, found by the server as the user
 * types: a city has thousands of estates and companies, more than one list could carry. Picked rows keep their
 * labels while the search shows others; a value given from outside (a link's ?estateId=) is read once by its id.
 */
function SearchSelect<V extends string | string[], T extends { id: string }>(
  props: SelectProps<V, T> & { path: string; label(row: T): string; term(typed: string): string },
) {
  const [typed, setTyped] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setTerm(props.term(typed)), 250);
    return () => clearTimeout(timer);
  }, [typed, props.term]);
  const found = useApi<Page<T>>(`${props.path}?${query({ q: term, limit: 50 })}`);
  const [seen, setSeen] = useState<Map<string, T>>(new Map());
  useEffect(() => {
    const items = found.data?.items;
    if (items?.length) setSeen((m) => new Map([...m, ...items.map((r) => [r.id, r] as const)]));
  }, [found.data]);
  const values = Array.isArray(props.value) ? props.value : props.value ? [props.value] : [];
  const unseen = values.find((id) => !seen.has(id));
  const given = useApi<T>(unseen ? `${props.path}/${unseen}` : null);
  useEffect(() => {
    const row = given.data;
    if (row) setSeen((m) => new Map(m).set(row.id, row));
  }, [given.data]);
  const picked = values.map((id) => seen.get(id)).filter((r): r is T => !!r);
  const options = [...picked, ...(found.data?.items ?? []).filter((r) => !picked.some((p) => p.id === r.id))];
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
      options={options.map((r) => ({ value: r.id, label: props.label(r) }))}
      data-testid={props.testId}
    />
  );
}

const estateLabel = (e: Estate) => `${e.name}（${e.code}）`;
/** The typed text, without a trailing "（code）" pasted from a label: the server searches name, code or address. */
const estateTerm = (typed: string) => typed.replace(/（[^）]*）?$/, '').trim();

/** Estates by name, code or address. */
export const EstateSelect = <V extends string | string[]>(props: SelectProps<V, Estate>) => (
  <SearchSelect<V, Estate> {...props} path="/api/v1/estates" label={estateLabel} term={estateTerm} />
);

const companyLabel = (c: Company) => c.name;
const companyTerm = (typed: string) => typed.trim();

/** Companies by name or 统一社会信用代码. */
export const CompanySelect = <V extends string | string[]>(props: SelectProps<V, Company>) => (
  <SearchSelect<V, Company> {...props} path="/api/v1/companies" label={companyLabel} term={companyTerm} />
);
