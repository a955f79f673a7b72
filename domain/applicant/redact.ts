/**
 * Redaction of personal data in stored JSON and text (docs/personal-data.md). Pure: the anonymisation job
 * knows the applicant's values (name, ID number, e-mail, phone, address) and replaces every occurrence of
 * them, wherever a mail subject, an answer body or a pushed document copied them.
 */

/** What replaces a name or any other personal value in the live tables. */
export const ANONYMISED = '(đã ẩn danh)';

/** The personal values of one applicant worth looking for (blank and very short values are ignored). */
export function personalValues(values: readonly (string | null | undefined)[]): string[] {
  const kept = values.map((v) => v?.trim() ?? '').filter((v) => v.length >= 3);
  // Longest first, so a name containing another value is replaced whole.
  return [...new Set(kept)].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of `secrets` (from {@link personalValues}) replaced by {@link ANONYMISED}. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(ANONYMISED);
  return out;
}

/** A JSON value with {@link redactText} applied to every string, keys kept. */
export function redactJson(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJson(v, secrets)]));
  }
  return value;
}

/** The applicant values of a stored applicant object (fullName, idNumber, address, phone, email, representative). */
export function applicantValues(applicant: unknown): (string | undefined)[] {
  if (applicant === null || typeof applicant !== 'object') return [];
  const a = applicant as Record<string, unknown>;
  const rep = (a.representative ?? {}) as Record<string, unknown>;
  const pick = (o: Record<string, unknown>, k: string) => (typeof o[k] === 'string' ? o[k] : undefined);
  return [
    ...['fullName', 'idNumber', 'address', 'phone', 'email'].map((k) => pick(a, k)),
    ...['fullName', 'idNumber'].map((k) => pick(rep, k)),
  ];
}
