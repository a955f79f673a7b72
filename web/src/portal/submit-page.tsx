/**
 * `/dvc/nop-ho-so/:code`: the submission wizard (applicant, files, receiving unit and return, review). The
 * draft is kept on the server and restored on the next visit; it is deleted once the dossier is submitted.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { FormAlert, useFormErrors } from '../components/errors';
import { useSingleFlight } from '../components/use-single-flight';
import { formatDateTime } from '../lib/time';
import { portal } from './api';
import { componentErrors, firstErrorStep } from './field-errors';
import { dossierPath } from './paths';
import { procedureQueryKey } from './procedures-page';
import { useSignedInCitizen } from './session';
import type { Citizen, ProcedureDetail, SubmissionAnswer } from './types';
import { ApplicantStep, applicantStepFields } from './wizard/applicant-step';
import { DeliveryStep, deliveryStepFields } from './wizard/delivery-step';
import { FilesStep } from './wizard/files-step';
import { ReviewStep } from './wizard/review-step';
import { useDraftSaver } from './wizard/use-draft-saver';
import {
  fromDraft,
  LAST_STEP,
  stepIssues,
  newWizardForm,
  submissionBody,
  type WizardForm,
} from './wizard-form';

const stepTitles = ['Thông tin người nộp', 'Giấy tờ', 'Nơi nộp, nhận kết quả', 'Xem lại và nộp'];

function Submitted({ answer }: { answer: SubmissionAnswer }) {
  return (
    <Paper withBorder p="lg" data-testid="submission-done">
      <Stack>
        <Title order={2} size="h3">
          Đã nộp hồ sơ thành công
        </Title>
        <Text>
          Mã hồ sơ: <strong data-testid="submission-code">{answer.code}</strong>
        </Text>
        <Text>
          Trạng thái: <strong data-testid="submission-status">{answer.statusLabel}</strong> (lúc{' '}
          {formatDateTime(answer.submittedAt)})
        </Text>
        <Text size="sm">
          Bộ phận Một cửa sẽ kiểm tra hồ sơ và thông báo cho ông/bà. Thời hạn giải quyết được tính từ khi hồ
          sơ được tiếp nhận.
        </Text>
        <Anchor component={Link} to={dossierPath(answer.code)} fw={600}>
          Xem hồ sơ {answer.code}
        </Anchor>
      </Stack>
    </Paper>
  );
}

function Wizard({
  procedure,
  citizen,
  initial,
  restoredAt,
}: {
  procedure: ProcedureDetail;
  citizen: Citizen;
  initial: WizardForm;
  restoredAt: string | null;
}) {
  const [form, setForm] = useState(initial);
  const errors = useFormErrors();
  const once = useSingleFlight();
  const draft = useDraftSaver(procedure.code, form, restoredAt);
  const vertical = useMediaQuery('(max-width: 36em)');
  const heading = useRef<HTMLHeadingElement>(null);
  const patch = (p: Partial<WizardForm>) => setForm((f) => ({ ...f, ...p }));
  const goTo = (step: number) => {
    const next = { ...form, step };
    setForm(next);
    draft.flush(next);
  };
  // The new step's heading takes the focus (screen readers announce it); not on the first render.
  const shown = useRef(form.step);
  useEffect(() => {
    if (shown.current !== form.step) heading.current?.focus();
    shown.current = form.step;
  }, [form.step]);

  const submit = useMutation({
    mutationFn: portal.submit,
    onSuccess: () => draft.discard(),
    onError: (error) => {
      errors.setError(error);
      const step = error instanceof ApiError ? firstErrorStep(error) : null;
      if (step !== null) goTo(step);
    },
  });
  if (submit.data) return <Submitted answer={submit.data} />;

  const next = (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    // What the API would refuse anyway, said before leaving the step (the API stays the authority).
    const issues = stepIssues(form, procedure);
    if (issues.length) {
      errors.setError(
        new ApiError(400, 'CLIENT.INCOMPLETE', 'Vui lòng bổ sung thông tin còn thiếu.', undefined, issues),
      );
    } else if (form.step < LAST_STEP) goTo(form.step + 1);
    else once(() => submit.mutateAsync(submissionBody(form, citizen, procedure)));
  };
  const messages = componentErrors(errors.error, submit.variables?.components ?? [], procedure.components);
  const stepFields = [applicantStepFields, [], deliveryStepFields, []][form.step] ?? [];
  return (
    <Stack>
      {restoredAt ? (
        <Alert color="blue" data-testid="draft-restored">
          Đã khôi phục bản nháp lưu lúc {formatDateTime(restoredAt)}.
        </Alert>
      ) : null}
      <Stepper
        active={form.step}
        onStepClick={goTo}
        allowNextStepsSelect={false}
        orientation={vertical ? 'vertical' : 'horizontal'}
        size="sm"
      >
        {stepTitles.map((title) => (
          <Stepper.Step key={title} label={title} />
        ))}
      </Stepper>
      <form onSubmit={next}>
        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h4" ref={heading} tabIndex={-1}>
              Bước {form.step + 1}/{LAST_STEP + 1}: {stepTitles[form.step]}
            </Title>
            {form.step === 0 ? (
              <ApplicantStep form={form} citizen={citizen} onChange={patch} errors={errors} />
            ) : form.step === 1 ? (
              <FilesStep
                form={form}
                procedure={procedure}
                onUploaded={(code, upload) =>
                  setForm((f) => ({ ...f, uploads: { ...f.uploads, [code]: upload } }))
                }
                messages={messages}
              />
            ) : form.step === 2 ? (
              <DeliveryStep form={form} procedure={procedure} onChange={patch} errors={errors} />
            ) : (
              <ReviewStep form={form} citizen={citizen} procedure={procedure} />
            )}
            {form.step === 1 ? null : <FormAlert errors={errors} fields={stepFields} />}
            <Group justify="space-between">
              {form.step > 0 ? (
                <Button variant="default" onClick={() => goTo(form.step - 1)}>
                  Quay lại
                </Button>
              ) : (
                <span />
              )}
              <Button type="submit" loading={submit.isPending} data-testid="wizard-next">
                {form.step < LAST_STEP ? 'Tiếp tục' : 'Nộp hồ sơ'}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </form>
      <Text size="xs" c="dimmed" aria-live="polite" data-testid="draft-status">
        {draft.failed
          ? 'Chưa lưu được bản nháp; sẽ thử lại khi ông/bà nhập tiếp.'
          : draft.savedAt
            ? `Bản nháp đã lưu lúc ${formatDateTime(draft.savedAt)}.`
            : ''}
      </Text>
    </Stack>
  );
}

export function SubmitPage() {
  const { code = '' } = useParams();
  const citizen = useSignedInCitizen();
  const procedure = useQuery({ queryKey: procedureQueryKey(code), queryFn: () => portal.procedure(code) });
  const saved = useQuery({
    queryKey: ['portal', 'citizen', 'draft', code],
    queryFn: async () => {
      try {
        return await portal.draft(code);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    gcTime: 0,
    staleTime: Infinity,
  });
  const failure = procedure.error ?? saved.error;
  const p = procedure.data;
  const blank = p ? newWizardForm(citizen, p) : null;
  const restored = p && blank && saved.data ? fromDraft(saved.data.data, blank, p) : null;
  return (
    <Stack>
      <Anchor component={Link} to={`/dvc/thu-tuc/${encodeURIComponent(code)}`} size="sm">
        ← Thông tin thủ tục
      </Anchor>
      <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
        Nộp hồ sơ trực tuyến{p ? `: ${p.name}` : ''}
      </Title>
      {failure ? (
        <Alert color="red" role="alert" title="Không mở được biểu mẫu nộp hồ sơ">
          {failure.message}
        </Alert>
      ) : !p || !blank || saved.data === undefined ? (
        <Loader aria-label="Đang tải" />
      ) : (
        <Wizard
          procedure={p}
          citizen={citizen}
          initial={restored ?? blank}
          restoredAt={restored ? (saved.data?.savedAt ?? null) : null}
        />
      )}
    </Stack>
  );
}
