/**
 * Keeps the wizard's draft on the server (`PUT /portal/drafts/:code`): a moment after the citizen stops
 * typing, and at once on a step change; only when something changed since the last save. Stopped for good
 * once the dossier is submitted (the draft is then deleted).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { portal } from '../api';
import { toDraft, type WizardForm } from '../wizard-form';

const DEBOUNCE_MS = 1500;

export interface DraftSaver {
  savedAt: string | null;
  failed: boolean;
  /** Saves now (a step change). */
  flush: (form: WizardForm) => void;
  /** No more saves; the draft is deleted. */
  discard: () => void;
}

export function useDraftSaver(
  procedureCode: string,
  form: WizardForm,
  initialSavedAt: string | null,
): DraftSaver {
  const last = useRef(JSON.stringify(toDraft(form)));
  const stopped = useRef(false);
  // The save in flight: the deletion waits for it, so that a late save never brings the draft back.
  const pending = useRef<Promise<unknown>>(Promise.resolve());
  const [savedAt, setSavedAt] = useState(initialSavedAt);
  const [failed, setFailed] = useState(false);
  const flush = useCallback(
    (f: WizardForm) => {
      const draft = toDraft(f);
      const text = JSON.stringify(draft);
      if (stopped.current || text === last.current) return;
      last.current = text;
      pending.current = portal.saveDraft(procedureCode, draft).then(
        (answer) => {
          setSavedAt(answer.savedAt);
          setFailed(false);
        },
        () => {
          // Tried again with the next change.
          last.current = '';
          setFailed(true);
        },
      );
    },
    [procedureCode],
  );
  useEffect(() => {
    const timer = setTimeout(() => flush(form), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [form, flush]);
  // Leaving the page (another link of the portal) keeps what was typed in the last moment too.
  const latest = useRef(form);
  useEffect(() => {
    latest.current = form;
  }, [form]);
  useEffect(() => () => flush(latest.current), [flush]);
  const discard = useCallback(() => {
    stopped.current = true;
    pending.current = pending.current.then(() => portal.deleteDraft(procedureCode)).catch(() => undefined);
  }, [procedureCode]);
  return { savedAt, failed, flush, discard };
}
