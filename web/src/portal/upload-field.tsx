/**
 * One file for one component of the dossier: uploaded to `POST /portal/uploads` as soon as it is chosen,
 * then shown by name and size; the API's refusal (too large, not a PDF/JPEG/PNG by its content, empty)
 * is shown on the field.
 */
import { useState } from 'react';
import { FileInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { portal } from './api';
import { formatSize, UPLOAD_MAX_BYTES } from './text';
import type { Upload } from './types';

export const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png';

export function UploadField({
  label,
  required,
  upload,
  onUploaded,
  error,
  testId,
}: {
  label: string;
  required: boolean;
  upload: Upload | undefined;
  onUploaded: (upload: Upload) => void;
  /** The submission's error about this component, if any. */
  error?: string;
  testId?: string;
}) {
  const [file, setFile] = useState<File | null>(null);
  const send = useMutation({ mutationFn: portal.upload, onSuccess: onUploaded });
  const choose = (chosen: File | null) => {
    setFile(chosen);
    send.reset();
    if (chosen) send.mutate(chosen);
  };
  const sendError =
    send.error instanceof ApiError ? send.error.message : send.error ? 'Không tải lên được tệp.' : null;
  return (
    <Stack gap={4} data-testid={testId}>
      <FileInput
        label={label}
        withAsterisk={required}
        aria-required={required}
        accept={ACCEPTED_FILES}
        description={`Tệp PDF, JPG hoặc PNG, dung lượng tối đa ${formatSize(UPLOAD_MAX_BYTES)}`}
        placeholder={upload ? 'Chọn tệp khác để thay thế' : 'Chọn tệp'}
        value={file}
        onChange={choose}
        error={sendError ?? error}
        disabled={send.isPending}
        clearable={false}
      />
      {send.isPending ? (
        <Text size="sm" aria-live="polite">
          Đang tải lên…
        </Text>
      ) : upload && !sendError ? (
        <Text size="sm" c="teal.9" aria-live="polite" data-testid="uploaded-file">
          Đã tải lên: {upload.name} ({formatSize(upload.size)})
        </Text>
      ) : null}
    </Stack>
  );
}
