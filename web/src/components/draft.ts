/**
 * Drafts of forms being typed, per officer, in sessionStorage: an expired session sends the officer to
 * the login page in the same tab, and the form comes back as it was after signing in again. The tab's
 * storage (not localStorage) so that an applicant's personal data does not outlive the tab on a shared
 * desk computer.
 */

const keyOf = (form: string, username: string) => `motcua.draft.${form}.${username}`;

/** The saved draft of `form` for the officer, if any and if `valid` accepts it. */
export function loadDraft<T>(
  form: string,
  username: string,
  valid: (value: unknown) => value is T,
): T | null {
  try {
    const text = sessionStorage.getItem(keyOf(form, username));
    if (!text) return null;
    const value: unknown = JSON.parse(text);
    return valid(value) ? value : null;
  } catch {
    return null;
  }
}

export function saveDraft(form: string, username: string, value: unknown): void {
  try {
    sessionStorage.setItem(keyOf(form, username), JSON.stringify(value));
  } catch {
    // Storage full or disabled: the form still works, only without a draft.
  }
}

export function clearDraft(form: string, username: string): void {
  sessionStorage.removeItem(keyOf(form, username));
}
