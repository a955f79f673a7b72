/**
 * One officer action on a dossier: a small form, sent once. The button is disabled while the request is
 * pending and the request carries an `Idempotency-Key` kept as long as what is sent stays the same, so a
 * double click or a retry after a lost answer never acts twice, while a request corrected after a refusal
 * is a new intent with a new key (the API answers a reused key with its first answer). Errors show next to
 * the field the API names.
 */
import { useRef, useState, type FormEvent } from 'react';
import {
  Button,
  FileInput,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, enc, newIdempotencyKey } from '../api/client';
import { type ActionPath, type DossierAssignees, type DossierView } from '../api/types';
import { addDays, formatDateTime, vnToday } from '../lib/time';
import { roleLabels } from '../lib/labels';
import { FormAlert, useFormErrors } from './errors';
import { useOrganisation, useProcedureDefinition } from './use-organisation';
import { useSingleFlight } from './use-single-flight';

interface Field {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'lines' | 'money' | 'officer' | 'date' | 'file';
  required?: boolean;
  description?: string;
}

interface ActionSpec {
  label: string;
  confirm: string;
  color?: string;
  fields: Field[];
}

const note: Field = { name: 'note', label: 'Ghi chú', kind: 'textarea' };
const reason: Field = { name: 'reason', label: 'Lý do', kind: 'textarea', required: true };

export const actionSpecs: Record<ActionPath, ActionSpec> = {
  assign: {
    label: 'Phân công xử lý',
    confirm: 'Phân công',
    fields: [{ name: 'assignee', label: 'Cán bộ xử lý', kind: 'officer', required: true }],
  },
  complete: { label: 'Hoàn thành bước, chuyển tiếp', confirm: 'Hoàn thành và chuyển', fields: [note] },
  approve: { label: 'Phê duyệt, ký', confirm: 'Phê duyệt', fields: [note] },
  'send-back': { label: 'Trả lại bước trước', confirm: 'Trả lại', color: 'orange', fields: [reason] },
  'supplement-request': {
    label: 'Yêu cầu bổ sung hồ sơ',
    confirm: 'Gửi yêu cầu bổ sung',
    color: 'orange',
    fields: [
      reason,
      {
        name: 'items',
        label: 'Giấy tờ cần bổ sung',
        kind: 'lines',
        required: true,
        description: 'Mỗi dòng một giấy tờ',
      },
    ],
  },
  'supplement-received': { label: 'Nhận hồ sơ bổ sung', confirm: 'Xác nhận đã nhận', fields: [note] },
  refuse: {
    label: 'Từ chối giải quyết',
    confirm: 'Từ chối',
    color: 'red',
    fields: [
      {
        name: 'reasons',
        label: 'Lý do từ chối',
        kind: 'lines',
        required: true,
        description: 'Mỗi dòng một lý do',
      },
    ],
  },
  withdraw: { label: 'Ghi nhận yêu cầu rút hồ sơ', confirm: 'Ghi nhận', color: 'orange', fields: [reason] },
  stop: { label: 'Dừng xử lý', confirm: 'Dừng xử lý', color: 'red', fields: [reason] },
  'cash-payment': {
    label: 'Thu phí, lệ phí tại quầy',
    confirm: 'Xác nhận đã thu',
    fields: [
      { name: 'amount', label: 'Số tiền (đồng)', kind: 'money', required: true },
      { name: 'receiptNumber', label: 'Số biên lai', kind: 'text', required: true },
    ],
  },
  'result-file': {
    label: 'Đính kèm kết quả đã số hóa',
    confirm: 'Tải lên',
    fields: [{ name: 'file', label: 'Tệp kết quả (PDF)', kind: 'file', required: true }],
  },
  'result-ready': { label: 'Kết quả sẵn sàng trả', confirm: 'Xác nhận', fields: [note] },
  seal: { label: 'Đóng dấu số (chữ ký số của cơ quan)', confirm: 'Đóng dấu', fields: [] },
  return: { label: 'Trả kết quả cho công dân', confirm: 'Đã trả kết quả', fields: [note] },
  'sign-apology': {
    label: 'Ký phiếu xin lỗi, hẹn lại (Mẫu 04)',
    confirm: 'Ký phiếu xin lỗi',
    color: 'orange',
    fields: [
      { name: 'reason', label: 'Lý do chậm trễ', kind: 'textarea', required: true },
      { name: 'newAppointmentDate', label: 'Ngày hẹn trả mới', kind: 'date', required: true },
    ],
  },
};

/**
 * The spec of an action for this dossier: a digitally signed result's file, attached before the
 * approval, is the draft the leader signs.
 */
export function actionSpecOf(action: ActionPath, dossier: Pick<DossierView, 'procedure'>): ActionSpec {
  const spec = actionSpecs[action];
  if (action !== 'result-file' || !dossier.procedure.resultSigning) return spec;
  return {
    ...spec,
    label: 'Đính kèm dự thảo kết quả để lãnh đạo ký số',
    fields: [{ name: 'file', label: 'Dự thảo kết quả (PDF)', kind: 'file', required: true }],
  };
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The request body of an action from the dialog's values. */
function bodyOf(action: ActionPath, dossier: DossierView, v: Record<string, string>, file: File | null) {
  const stepId = dossier.currentStep?.stepId;
  const optionalNote = v.note?.trim() ? { note: v.note.trim() } : {};
  switch (action) {
    case 'assign':
      return { stepId, assignee: v.assignee ?? '' };
    case 'complete':
    case 'approve':
    case 'result-ready':
      return { stepId, ...optionalNote };
    case 'seal':
      return { stepId };
    case 'send-back':
      return { stepId, reason: v.reason ?? '' };
    case 'supplement-request':
      return { reason: v.reason ?? '', items: lines(v.items) };
    case 'supplement-received':
    case 'return':
      return optionalNote;
    case 'refuse':
      return { reasons: lines(v.reasons) };
    case 'withdraw':
    case 'stop':
      return { reason: v.reason ?? '' };
    case 'cash-payment':
      return { stepId, amount: Number(v.amount ?? 0), receiptNumber: v.receiptNumber ?? '' };
    case 'sign-apology':
      return { reason: v.reason ?? '', newAppointmentDate: v.newAppointmentDate ?? '' };
    case 'result-file': {
      const form = new FormData();
      form.append('stepId', stepId ?? '');
      if (file) form.append('file', file);
      return form;
    }
  }
}

export function ActionDialog({
  action,
  dossier,
  onClose,
  onDone,
}: {
  action: ActionPath;
  dossier: DossierView;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const spec = actionSpecOf(action, dossier);
  const [values, setValues] = useState<Record<string, string>>(() => ({
    amount: String(dossier.payment?.amount ?? ''),
    newAppointmentDate: addDays(vnToday(), 3),
  }));
  const [file, setFile] = useState<File | null>(null);
  const intent = useRef({ key: newIdempotencyKey(), sent: '' });
  const errors = useFormErrors();
  const once = useSingleFlight();
  // Only the officers the API would accept: the step's role in the step's division.
  const officers = useQuery({
    queryKey: ['assignees', dossier.code, dossier.currentStep?.stepId],
    queryFn: () => api<DossierAssignees>(`/dossiers/${enc(dossier.code)}/assignees`),
    enabled: action === 'assign',
  });
  // Who receives the dossier next: named in the "complete and hand over" dialog.
  const org = useOrganisation();
  const definition = useProcedureDefinition(action === 'complete' ? dossier.procedure : undefined);
  const next =
    action === 'complete' && dossier.currentStep
      ? definition?.steps[dossier.currentStep.index + 1]
      : undefined;
  const run = useMutation({
    mutationFn: () => {
      const sent = JSON.stringify([values, file && [file.name, file.size, file.lastModified]]);
      if (sent !== intent.current.sent) intent.current = { key: newIdempotencyKey(), sent };
      return api<DossierView>(`/dossiers/${enc(dossier.code)}/${action}`, {
        body: bodyOf(action, dossier, values, file),
        idempotencyKey: intent.current.key,
      });
    },
    onSuccess: () => onDone(`Đã thực hiện: ${spec.label}.`),
    onError: errors.setError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    once(() => run.mutateAsync());
  };
  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const fieldNames = [...spec.fields.map((f) => f.name), 'stepId'];

  const renderField = (f: Field) => {
    const common = {
      label: f.label,
      description: f.description,
      required: f.required,
      error: errors.field(f.name) ?? errors.field(`${f.name}.0`),
    };
    const text = (e: { currentTarget: { value: string } }) => set(f.name)(e.currentTarget.value);
    switch (f.kind) {
      case 'text':
        return <TextInput {...common} value={values[f.name] ?? ''} onChange={text} />;
      case 'textarea':
      case 'lines':
        return (
          <Textarea
            {...common}
            autosize
            minRows={f.kind === 'lines' ? 3 : 2}
            value={values[f.name] ?? ''}
            onChange={text}
          />
        );
      case 'money':
        return (
          <NumberInput
            {...common}
            thousandSeparator="."
            decimalSeparator=","
            value={values[f.name] ?? ''}
            onChange={(v) => set(f.name)(String(v))}
          />
        );
      case 'officer':
        return (
          <Select
            {...common}
            searchable
            data={(officers.data?.items ?? []).map((o) => ({ value: o.username, label: o.fullName }))}
            nothingFoundMessage="Không có cán bộ phù hợp"
            placeholder={officers.isLoading ? 'Đang tải danh sách cán bộ…' : 'Chọn cán bộ'}
            value={values[f.name] ?? null}
            onChange={(v) => set(f.name)(v ?? '')}
          />
        );
      case 'date':
        return (
          <TextInput {...common} type="date" min={vnToday()} value={values[f.name] ?? ''} onChange={text} />
        );
      case 'file':
        return <FileInput {...common} accept="application/pdf,image/*" value={file} onChange={setFile} />;
    }
  };

  return (
    <Modal opened onClose={onClose} title={spec.label} size="lg">
      <form onSubmit={submit}>
        <Stack>
          {dossier.currentStep ? (
            <Text size="sm" c="dimmed">
              Hồ sơ {dossier.code} · bước «{dossier.currentStep.name ?? dossier.currentStep.stepId}» · hạn{' '}
              {formatDateTime(dossier.currentStep.deadline)}
            </Text>
          ) : null}
          {next ? (
            <Text size="sm" data-testid="next-step">
              Chuyển đến bước «{next.name}»: {org.divisionName(next.division)} ({roleLabels[next.role]})
            </Text>
          ) : null}
          {spec.fields.map((f) => (
            <div key={f.name}>{renderField(f)}</div>
          ))}
          <FormAlert errors={errors} fields={fieldNames} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" color={spec.color} loading={run.isPending}>
              {spec.confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
