/** API errors shown in plain Vietnamese: next to the field at fault, or above the form. */
import { useCallback, useState } from 'react';
import { Alert } from '@mantine/core';
import { ApiError } from '../api/client';

export interface FormErrors {
  error: ApiError | null;
  setError: (error: unknown) => void;
  clear: () => void;
  /** The message for field `name` (`applicant.fullName`, `components`, `reason`…). */
  field: (name: string) => string | undefined;
}

const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError(0, 'CLIENT', 'Đã có lỗi xảy ra. Vui lòng thử lại.');

export function useFormErrors(): FormErrors {
  const [error, set] = useState<ApiError | null>(null);
  const setError = useCallback((e: unknown) => set(e === null ? null : asApiError(e)), []);
  const clear = useCallback(() => set(null), []);
  return { error, setError, clear, field: (name) => error?.fieldMessage(name) };
}

/**
 * The error when no field of the form shows it (`fields` are the names the form displays): a refusal
 * of the workflow (wrong step, wrong role), a network failure.
 */
export function FormAlert({ errors, fields = [] }: { errors: FormErrors; fields?: string[] }) {
  const error = errors.error;
  if (!error) return null;
  if (fields.some((f) => errors.field(f))) return null;
  return (
    <Alert color="red" title="Không thực hiện được" role="alert" data-code={error.code}>
      {error.message}
    </Alert>
  );
}
