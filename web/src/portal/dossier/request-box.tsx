/**
 * What the one-stop asks of the citizen: completing the dossier before it is accepted, or a supplement
 * while it is handled. One upload per asked component, an optional note, then one send.
 */
import { useState } from 'react';
import { Alert, Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormAlert, useFormErrors } from '../../components/errors';
import { useSingleFlight } from '../../components/use-single-flight';
import { formatDateTime } from '../../lib/time';
import { portal } from '../api';
import { componentErrors } from '../field-errors';
import type { AddedFilesBody, PortalDossier, Upload } from '../types';
import { UploadField } from '../upload-field';

export function RequestBox({
  dossier,
  request,
  onSent,
}: {
  dossier: PortalDossier;
  request: NonNullable<PortalDossier['request']>;
  onSent: (dossier: PortalDossier) => void;
}) {
  const [uploads, setUploads] = useState<Record<string, Upload>>({});
  const [note, setNote] = useState('');
  const errors = useFormErrors();
  const once = useSingleFlight();
  const send = useMutation({
    mutationFn: (body: AddedFilesBody) => portal.addFiles(dossier.code, request.kind, body),
    onSuccess: onSent,
    onError: errors.setError,
  });
  const body = (): AddedFilesBody => ({
    components: request.components.flatMap((c) => {
      const upload = uploads[c.code];
      return upload ? [{ code: c.code, fileId: upload.fileId }] : [];
    }),
    ...(note.trim() ? { note: note.trim() } : {}),
  });
  const messages = componentErrors(errors.error, send.variables?.components ?? [], request.components);
  const ready = request.components.every((c) => uploads[c.code]);
  const title =
    request.kind === 'complete' ? 'Yêu cầu bổ sung để hồ sơ được tiếp nhận' : 'Yêu cầu bổ sung hồ sơ';
  return (
    <Paper withBorder p="md" bg="orange.0" data-testid="request-box">
      <Stack>
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          Lúc {formatDateTime(request.at)}
        </Text>
        <Text style={{ whiteSpace: 'pre-line' }}>{request.text}</Text>
        {messages[''] ? <Alert color="red">{messages['']}</Alert> : null}
        {request.components.map((c) => (
          <UploadField
            key={c.code}
            label={c.name}
            required
            upload={uploads[c.code]}
            onUploaded={(upload) => setUploads((u) => ({ ...u, [c.code]: upload }))}
            error={messages[c.code]}
            testId={`request-upload-${c.code}`}
          />
        ))}
        <Textarea
          label="Ghi chú gửi Bộ phận Một cửa (không bắt buộc)"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.field('note')}
          autosize
          minRows={2}
        />
        <FormAlert errors={errors} fields={['note']} />
        <Button
          onClick={() => {
            errors.clear();
            once(() => send.mutateAsync(body()));
          }}
          disabled={!ready}
          loading={send.isPending}
          data-testid="request-send"
        >
          Gửi giấy tờ bổ sung
        </Button>
      </Stack>
    </Paper>
  );
}
