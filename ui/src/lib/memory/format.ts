// How the Memory view shows dates and sizes the backend sends.

/** A TMX date (`20180927T143005Z`) as `2018-09-27 14:30` (UTC); anything else as given. */
export function tmxDate(date: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})\d{2}Z$/.exec(date);
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}` : date;
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
