/**
 * Where an API error belongs in the portal's forms: the wizard step that shows a field
 * (`body.applicant.address` → the applicant step), and the component an upload error is about
 * (`body.components.2.fileId` → the third component sent). Pure.
 */
import { stripLocation, type ApiError } from '../api/client';
import type { ComponentFile } from './types';

/** The fields an error names: its `field` and those of its issues, without `body.`. */
export function errorFields(error: ApiError): string[] {
  const fields = [error.field, ...error.issues.map((i) => i.field)];
  return fields.filter((f): f is string => typeof f === 'string').map(stripLocation);
}

const under = (field: string, root: string) => field === root || field.startsWith(`${root}.`);

/** The wizard step (0 applicant, 1 files, 2 receiving unit and return) showing `field`, or null. */
export function stepOfField(field: string): number | null {
  const f = stripLocation(field);
  if (under(f, 'applicant')) return 0;
  if (under(f, 'components')) return 1;
  if (['receivingUnit', 'returnMethod', 'copies'].some((root) => under(f, root))) return 2;
  return null;
}

/** The first step holding a field the error names (where the wizard takes the citizen), or null. */
export function firstErrorStep(error: ApiError): number | null {
  const steps = errorFields(error)
    .map(stepOfField)
    .filter((s): s is number => s !== null);
  return steps.length ? Math.min(...steps) : null;
}

/**
 * Upload errors by component code. `components.<i>…` is the i-th component sent; `components.<code>` a
 * component by its code; an issue on `components` itself (a missing component) goes to the component
 * whose name its message quotes, else under `''` (shown above the uploads).
 */
export function componentErrors(
  error: ApiError | null,
  sent: ComponentFile[],
  components: { code: string; name: string }[],
): Record<string, string> {
  if (!error) return {};
  const messages: Record<string, string> = {};
  const add = (code: string, message: string) => {
    messages[code] = messages[code] ? `${messages[code]} ${message}` : message;
  };
  const entries = error.issues.length
    ? error.issues
    : error.field
      ? [{ field: error.field, message: error.message }]
      : [];
  for (const { field, message } of entries) {
    const f = stripLocation(field);
    if (!under(f, 'components')) continue;
    const key = f.split('.')[1];
    const byIndex = key !== undefined && /^\d+$/.test(key) ? sent[Number(key)]?.code : undefined;
    const byCode = components.find((c) => c.code === key)?.code;
    const named = components.find((c) => message.includes(c.name))?.code;
    add(byIndex ?? byCode ?? named ?? '', message);
  }
  return messages;
}
