/** Step 2 of the wizard: one upload per component of the procedure, required ones marked. */
import { Alert, Stack, Text } from '@mantine/core';
import type { ProcedureDetail, Upload } from '../types';
import { UploadField } from '../upload-field';
import type { WizardForm } from '../wizard-form';

export function FilesStep({
  form,
  procedure,
  onUploaded,
  messages,
}: {
  form: WizardForm;
  procedure: ProcedureDetail;
  onUploaded: (component: string, upload: Upload) => void;
  /** Errors by component code (`''`: about the components as a whole). */
  messages: Record<string, string>;
}) {
  return (
    <Stack>
      <Text size="sm">
        Tải lên bản chụp hoặc bản điện tử của từng giấy tờ. Giấy tờ đánh dấu * là bắt buộc.
      </Text>
      {messages[''] ? (
        <Alert color="red" role="alert">
          {messages['']}
        </Alert>
      ) : null}
      {procedure.components.map((c) => (
        <UploadField
          key={c.code}
          label={c.name}
          required={c.required}
          upload={form.uploads[c.code]}
          onUploaded={(upload) => onUploaded(c.code, upload)}
          error={messages[c.code]}
          testId={`upload-${c.code}`}
        />
      ))}
    </Stack>
  );
}
