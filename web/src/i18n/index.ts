// Every string the app shows, in Dutch and English. Each area keeps its own
// catalogue (messages/<area>.ts) whose English half is typed against the
// Dutch one, so a missing or extra key fails the type check; a unit test
// checks that placeholders agree. The language is a small store that pages
// subscribe to with useI18n().
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../api';
import { setApiLanguage } from '../api';
import * as formats from './format';
import * as common from './messages/common';
import * as publicPages from './messages/public';
import * as agent from './messages/agent';
import * as monitor from './messages/monitor';
import * as manager from './messages/manager';
import * as council from './messages/council';
import * as privacy from './messages/privacy';
import * as client from './messages/client';

const catalogues = [common, publicPages, agent, monitor, manager, council, privacy, client];

type Nl = typeof common.nl &
  typeof publicPages.nl &
  typeof agent.nl &
  typeof monitor.nl &
  typeof manager.nl &
  typeof council.nl &
  typeof privacy.nl &
  typeof client.nl;

export type MessageKey = keyof Nl;

export const messages: Record<Lang, Record<MessageKey, string>> = {
  nl: Object.assign({}, ...catalogues.map((c) => c.nl)),
  en: Object.assign({}, ...catalogues.map((c) => c.en)),
};

export type Params = Record<string, string | number>;

// Fills {name} placeholders. With a numeric `count`, a key `x_one` is used
// for exactly one when it exists.
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const table = messages[lang];
  let text: string = table[key] ?? messages.nl[key] ?? key;
  if (params && params.count === 1) {
    const singular = (table as Record<string, string>)[`${key}_one`];
    if (singular) text = singular;
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const kStorageKey = 'fairqm.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(kStorageKey);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    // Storage may be blocked; fall through to the browser's language.
  }
  if (typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('en')) {
    return 'en';
  }
  return 'nl';
}

let current: Lang = initialLang();
const listeners = new Set<(lang: Lang) => void>();

function apply(lang: Lang): void {
  setApiLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
apply(current);

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    localStorage.setItem(kStorageKey, lang);
  } catch {
    // Not remembered across visits, still switched.
  }
  apply(lang);
  for (const listener of listeners) listener(lang);
}

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  date: (value: string | number | Date | null | undefined) => string;
  dateTime: (value: string | number | Date | null | undefined) => string;
  number: (value: number, fractionDigits?: number) => string;
  percent: (ratio: number, fractionDigits?: number) => string;
  duration: (seconds: number) => string;
  bytes: (bytes: number) => string;
}

export function i18nFor(lang: Lang): I18n {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    date: (value) => formats.formatDate(lang, value),
    dateTime: (value) => formats.formatDateTime(lang, value),
    number: (value, digits) => formats.formatNumber(lang, value, digits),
    percent: (ratio, digits) => formats.formatPercent(lang, ratio, digits),
    duration: (seconds) => formats.formatDuration(lang, seconds),
    bytes: (bytes) => formats.formatBytes(lang, bytes),
  };
}

export function useI18n(): I18n {
  const [lang, setState] = useState<Lang>(current);
  useEffect(() => {
    const listener = (next: Lang) => setState(next);
    listeners.add(listener);
    setState(current);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return i18nFor(lang);
}
