// The chosen interface language and theme, shared by every component and kept across
// starts in the web view's local storage (the app's own origin; nothing leaves it).
import { LOCALES, pickLocale, translate, type Locale, type MessageKey } from './messages';

export type Theme = 'system' | 'light' | 'dark';
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

function stored<T extends string>(key: string, allowed: readonly T[]): T | undefined {
  const value = globalThis.localStorage?.getItem(key);
  return allowed.find((a) => a === value);
}

class Preferences {
  locale = $state<Locale>(
    stored('dragoman.locale', LOCALES) ?? pickLocale(globalThis.navigator?.languages ?? []),
  );
  theme = $state<Theme>(stored('dragoman.theme', THEMES) ?? 'system');

  setLocale(locale: Locale) {
    this.locale = locale;
    globalThis.localStorage?.setItem('dragoman.locale', locale);
  }

  setTheme(theme: Theme) {
    this.theme = theme;
    globalThis.localStorage?.setItem('dragoman.theme', theme);
  }
}

export const preferences = new Preferences();

/** `key` in the current interface language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(preferences.locale, key, params);
}
