/** The portal's own paths (Vietnamese, served by the console's SPA). Pure. */

/** Only a portal path comes back after sign-in (the server checks it again: no open redirect). */
export const safeReturnTo = (value: string | null): string =>
  value && /^\/dvc(\/|\?|$)/.test(value) ? value : '/dvc/ho-so';

/** The sign-in page, coming back to `returnTo` after. */
export const signInPath = (returnTo: string): string =>
  `/dvc/dang-nhap?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`;

export const dossierPath = (code: string): string => `/dvc/ho-so/${encodeURIComponent(code)}`;
