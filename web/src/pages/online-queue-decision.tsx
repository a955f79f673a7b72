/**
 * The receiver's decision on an online submission: accept (the dossier is received now), ask the citizen
 * to complete it (the components to add and a note; no clock starts), or refuse (a reason). Sent once: an
 * `Idempotency-Key` kept while what is sent stays the same (as the dossier actions do).
 */
import { useRef, useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api, enc, newIdempotencyKey } from '../api/client';
import { FormAlert, useFormErrors } from '../components/errors';
import { useSingleFlight } from '../components/use-single-flight';
import type { Decision, OnlineSubmission } from './online-queue-types';

const specs: Record<Decision, { title: string; confirm: string; color?: string }> = {
  accept: { title: 'Tiếp nhận hồ sơ', confirm: 'Tiếp nhận' },
  'request-completion': {
    title: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
    confirm: 'Gửi yêu cầu',
    color: 'orange',
  },
  refuse: { title: 'Từ chối tiếp nhận hồ sơ', confirm: 'Từ chối', color: 'red' },
};

export const decisionLabels: Record<Decision, string> = {
  accept: 'Tiếp nhận hồ sơ',
  'request-completion': 'Yêu cầu bổ sung',
  refuse: 'Từ chối',
};

function bodyOf(decision: Decision, components: string[], note: string, reason: string) {
  if (decision === 'accept') return {};
  if (decision === 'refuse') return { reason: reason.trim() };
  return { components, note: note.trim() };
}

export function DecisionDialog({
  decision,
  submission,
  onClose,
  onDone,
}: {
  decision: Decision;
  submission: OnlineSubmission;
  onClose: () => void;
  /** The answer: for an acceptance, the received dossier. */
  onDone: (answer: { code?: string } | undefined) => void;
}) {
  const spec = specs[decision];
  const [components, setComponents] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  const once = useSingleFlight();
  const intent = useRef({ key: newIdempotencyKey(), sent: '' });
  const run = useMutation({
    mutationFn: () => {
      const body = bodyOf(decision, components, note, reason);
      const sent = JSON.stringify(body);
      if (sent !== intent.current.sent) intent.current = { key: newIdempotencyKey(), sent };
      return api<{ code?: string } | undefined>(`/online-submissions/${enc(submission.code)}/${decision}`, {
        body,
        idempotencyKey: intent.current.key,
      });
    },
    onSuccess: onDone,
    onError: errors.setError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    once(() => run.mutateAsync());
  };
  return (
    <Modal opened onClose={onClose} title={spec.title} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm" c="dimmed">
            Hồ sơ {submission.code} · {submission.procedureName} · {submission.applicant.fullName}
          </Text>
          {decision === 'accept' ? (
            <Text size="sm">
              Hồ sơ được tiếp nhận ngay bây giờ; thời hạn giải quyết tính từ lúc tiếp nhận (ngoài giờ làm
              việc: từ đầu giờ làm việc kế tiếp). Công dân nhận giấy tiếp nhận và hẹn trả kết quả qua thư điện
              tử.
            </Text>
          ) : null}
          {decision === 'request-completion' ? (
            <>
              <Checkbox.Group
                label="Giấy tờ công dân cần bổ sung, hoàn thiện"
                value={components}
                onChange={setComponents}
                error={errors.field('components') ?? errors.field('components.0')}
                required
              >
                <Stack gap="xs" mt="xs">
                  {submission.components.map((c) => (
                    <Checkbox key={c.code} value={c.code} label={c.name} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Textarea
                label="Nội dung hướng dẫn"
                description="Công dân nhận đúng nội dung này cùng danh sách giấy tờ đã chọn"
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={errors.field('note')}
                autosize
                minRows={3}
                required
              />
            </>
          ) : null}
          {decision === 'refuse' ? (
            <Textarea
              label="Lý do từ chối"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.field('reason')}
              autosize
              minRows={3}
              required
            />
          ) : null}
          <FormAlert errors={errors} fields={['components', 'components.0', 'note', 'reason']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" color={spec.color} loading={run.isPending} data-testid="decision-confirm">
              {spec.confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
