// How the Memory view shows dates and sizes the backend sends.

/**
 * A date the backend sends, as the interface language writes it (UTC): a TMX date
 * (`20180927T143005Z`) with its minute, a day (`2026-11-20`) without; anything else as
 * given.
 */
export function tmxDate(date: string, locale = 'en'): string {
  const full = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})\d{2}Z$/.exec(date);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const parts = (full ?? day)?.slice(1).map(Number);
  if (!parts) return date;
  const [y, mo, d, h = 0, mi = 0] = parts as [number, number, number, number?, number?];
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
  if (full) Object.assign(options, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return new Intl.DateTimeFormat(locale, options).format(new Date(Date.UTC(y, mo - 1, d, h, mi)));
}

/** A byte count as the file managers show it: `512 B`, `3.4 MB`, `1.2 GB`. */
export function fileSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit++;
  }
  return unit === 0 ? `${size} B` : `${size.toFixed(1)} ${units[unit]}`;
}
