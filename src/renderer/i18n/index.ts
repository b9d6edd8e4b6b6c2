import { create } from 'zustand';
import { vi, type Messages } from './vi';
import { en } from './en';
import type { ApiError } from '../../shared/result';

export type Lang = 'vi' | 'en';
const LANG_KEY = 'hosoky.lang';

interface LangState {
  lang: Lang;
  m: Messages;
  setLang(lang: Lang): void;
}

const initial: Lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';

export const useLang = create<LangState>((set) => ({
  lang: initial,
  m: initial === 'en' ? en : vi,
  setLang(lang) {
    localStorage.setItem(LANG_KEY, lang);
    document.documentElement.lang = lang;
    set({ lang, m: lang === 'en' ? en : vi });
  },
}));

/** The messages of the current language (re-renders when it changes). */
export const useT = (): Messages => useLang((s) => s.m);

/** An API error in the current language. */
export const errorText = (e: ApiError, lang: Lang): string => (lang === 'en' ? e.messageEn : e.message);

/** Dates the Vietnamese way (dd/mm/yyyy hh:mm) in Vietnamese, ISO-like in English. */
export function formatDate(iso: string | undefined | null, lang: Lang, withTime = true): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN', {
    day: '2-digit', month: '2-digit', year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
}

export const formatNumber = (n: number, lang: Lang) => n.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN');
