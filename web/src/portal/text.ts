/** Text helpers of the portal's pages: search without diacritics, file sizes. Pure. */

/** Lower case without diacritics, so that "giao duc" finds "Giáo dục". */
export const searchable = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

/** `850 KB`, `1,5 MB`: a file size as Vietnamese readers write it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/**
 * The largest upload the API takes by default (`FILE_MAX_BYTES`, 20 MiB): shown next to each upload;
 * the API decides (413 `FILE.TOO_LARGE` with its own message).
 */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
