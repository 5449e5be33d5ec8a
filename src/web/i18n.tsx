import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type MessageKey, messages } from './messages.ts';

export type Lang = 'zh-CN' | 'en';

const STORE_KEY = 'anju_lang';

/** The saved choice, else zh-CN: the product is Chinese first. */
export function savedLang(): Lang {
  const stored = localStorage.getItem(STORE_KEY) ?? document.cookie.match(/(?:^|; )anju_lang=([^;]*)/)?.[1];
  return stored === 'en' ? 'en' : 'zh-CN';
}

/** Saved in localStorage for the client and in a cookie so the server answers errors and exports in it too. */
function saveLang(lang: Lang) {
  localStorage.setItem(STORE_KEY, lang);
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from the WebViews residents use.
  document.cookie = `${STORE_KEY}=${lang}; path=/; max-age=${365 * 86400}; SameSite=Lax`;
  document.documentElement.lang = lang;
}

/** Read outside React (api.ts) so network failures are reported in the chosen language. */
let current: Lang = savedLang();
export const currentLang = () => current;

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const [zh, en] = messages[key];
  return (lang === 'en' ? en : zh).replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? `{${k}}`));
}

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: T;
}
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(current);
  const setLang = useCallback((l: Lang) => {
    current = l;
    saveLang(l);
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** A value from a code list (management modes, uses…) in the current language; unknown codes show as they are. */
export function useLabel() {
  const { t } = useI18n();
  return (group: string, code: string | null | undefined): string => {
    if (!code) return '';
    const key = `${group}.${code}` as MessageKey;
    return key in messages ? t(key) : code;
  };
}
