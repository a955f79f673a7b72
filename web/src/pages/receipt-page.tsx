/**
 * Receipt at the one-stop desk: choose the procedure, tick the components against its checklist, enter
 * the applicant, see the appointment the calendar gives before confirming; then print Mẫu 01. An
 * incomplete dossier is not received: the one-time guidance (Mẫu 02) is recorded and printed instead.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  List,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { missingComponents } from '../../../domain/procedure/completeness';
import { Link } from 'react-router';
import { api, ApiError, enc, newIdempotencyKey } from '../api/client';
import {
  type DeadlineAnswer,
  type DossierView,
  type IncompleteReceipt,
  type ProcedureSummary,
  type ProcedureVersion,
} from '../api/types';
import { useOfficer } from '../auth';
import { clearDraft, loadDraft, saveDraft } from '../components/draft';
import { FormAlert, useFormErrors } from '../components/errors';
import { fetchDossierForm, fetchGuidanceForm } from '../components/forms';
import { PrintFrame, type PrintableForm } from '../components/print-frame';
import { formatMoney } from '../lib/labels';
import { formatDate, formatDateTime, toVnIso } from '../lib/time';
import { useSingleFlight } from '../components/use-single-flight';

const limitUnits: Record<string, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
  same_day: 'trong ngày (sau 15 giờ chuyển ngày làm việc tiếp theo)',
};

interface Applicant {
  fullName: string;
  idNumber: string;
  email: string;
  phone: string;
}

const emptyApplicant: Applicant = { fullName: '', idNumber: '', email: '', phone: '' };

/** What the receipt form keeps as a draft (see components/draft.ts). */
interface ReceiptDraft {
  channel?: Channel;
  procedureCode: string | null;
  components: string[];
  applicant: Applicant;
}

const DRAFT = 'receipt';
/** How the dossier came in: at the desk or by post (online dossiers arrive through the portal). */
type Channel = 'direct' | 'postal';
const channels: { value: Channel; label: string }[] = [
  { value: 'direct', label: 'Trực tiếp tại Bộ phận Một cửa' },
  { value: 'postal', label: 'Qua dịch vụ bưu chính' },
];
const isString = (v: unknown): v is string => typeof v === 'string';
function isReceiptDraft(v: unknown): v is ReceiptDraft {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  const a = d.applicant as Record<string, unknown> | null | undefined;
  return (
    (d.procedureCode === null || isString(d.procedureCode)) &&
    Array.isArray(d.components) &&
    d.components.every(isString) &&
    typeof a === 'object' &&
    a !== null &&
    ['fullName', 'idNumber', 'email', 'phone'].every((k) => isString(a[k]))
  );
}
const isEmptyDraft = (d: ReceiptDraft) =>
  d.procedureCode === null && d.components.length === 0 && Object.values(d.applicant).every((v) => !v);

export function ReceiptPage() {
  const me = useOfficer();
  // A draft left by an expired session (or a reload) comes back, and the officer is told so.
  const [draft] = useState(() => loadDraft(DRAFT, me.username, isReceiptDraft));
  const [restored, setRestored] = useState(draft !== null && !isEmptyDraft(draft));
  const [procedureCode, setProcedureCode] = useState<string | null>(draft?.procedureCode ?? null);
  const [components, setComponents] = useState<string[]>(draft?.components ?? []);
  const [applicant, setApplicant] = useState<Applicant>(draft?.applicant ?? emptyApplicant);
  const [channel, setChannel] = useState<Channel>(draft?.channel === 'postal' ? 'postal' : 'direct');
  useEffect(() => {
    const current = { channel, procedureCode, components, applicant };
    if (isEmptyDraft(current)) clearDraft(DRAFT, me.username);
    else saveDraft(DRAFT, me.username, current);
  }, [channel, procedureCode, components, applicant, me.username]);
  const [received, setReceived] = useState<DossierView | null>(null);
  const [incomplete, setIncomplete] = useState<IncompleteReceipt | null>(null);
  const [form, setForm] = useState<PrintableForm | null>(null);
  const errors = useFormErrors();
  const once = useSingleFlight();
  const printErrors = useFormErrors();
  // One key per intended receipt (same body): a double click or a retry after a lost answer never makes
  // two dossiers; a changed form is a new intent with a new key.
  const intent = useRef({ key: newIdempotencyKey(), body: '' });

  const procedures = useQuery({
    queryKey: ['procedures'],
    queryFn: () => api<{ items: ProcedureSummary[] }>('/procedures'),
  });
  const procedure = useQuery({
    queryKey: ['procedure', procedureCode],
    queryFn: () => api<ProcedureVersion>(`/procedures/${enc(procedureCode!)}`),
    enabled: procedureCode !== null,
  });
  const definition = procedure.data?.definition;
  const appointment = useQuery({
    queryKey: ['appointment', procedureCode, me.tenant],
    queryFn: () =>
      api<DeadlineAnswer>('/deadlines', {
        anonymous: true,
        body: {
          from: toVnIso(Date.now()),
          amount: definition!.legalLimit.amount,
          unit: definition!.legalLimit.unit,
          tenant: me.tenant,
        },
      }),
    enabled: definition !== undefined,
    refetchInterval: 60_000,
  });

  // The API's completeness rule, to say before sending what it will answer (the API stays the authority).
  const missing = missingComponents(definition?.components ?? [], components);

  const receive = useMutation({
    mutationFn: () => {
      const body = {
        channel,
        procedureCode,
        components,
        applicant: {
          fullName: applicant.fullName.trim(),
          idNumber: applicant.idNumber.trim(),
          ...(applicant.email.trim() ? { email: applicant.email.trim() } : {}),
          ...(applicant.phone.trim() ? { phone: applicant.phone.trim() } : {}),
        },
      };
      const text = JSON.stringify(body);
      if (text !== intent.current.body) intent.current = { key: newIdempotencyKey(), body: text };
      return api<DossierView>('/dossiers', { idempotencyKey: intent.current.key, body });
    },
    onSuccess: (dossier) => {
      setReceived(dossier);
      intent.current = { key: newIdempotencyKey(), body: '' };
      // Received: nothing left to keep as a draft.
      setApplicant(emptyApplicant);
      setComponents([]);
      setProcedureCode(null);
      setChannel('direct');
      setRestored(false);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'DOSSIER.INCOMPLETE') {
        setIncomplete(error.body as unknown as IncompleteReceipt);
        return;
      }
      errors.setError(error);
    },
  });

  const print = useMutation({
    mutationFn: (code: string) => fetchDossierForm(code, 'receipt'),
    onSuccess: setForm,
    onError: printErrors.setError,
  });

  const printGuidance = useMutation({
    mutationFn: (guidanceId: number) => fetchGuidanceForm(guidanceId),
    onSuccess: setForm,
    onError: errors.setError,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setIncomplete(null);
    once(() => receive.mutateAsync());
  };

  const restart = () => {
    setRestored(false);
    setChannel('direct');
    setReceived(null);
    setIncomplete(null);
    setApplicant(emptyApplicant);
    setComponents([]);
    setProcedureCode(null);
    errors.clear();
  };

  const setField = (name: keyof Applicant) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setApplicant((a) => ({ ...a, [name]: value }));
    // The message was about the old value.
    if (errors.field(`applicant.${name}`)) errors.clear();
  };

  if (received) {
    return (
      <Stack maw={720}>
        <Title order={2}>Đã tiếp nhận hồ sơ</Title>
        <Alert
          color="green"
          title={`Mã hồ sơ ${received.code}`}
          data-testid="receipt-done"
          data-code={received.code}
        >
          <Text>
            {received.procedure.name} – {received.applicant.fullName}
          </Text>
          <Text fw={600}>Hẹn trả kết quả: {formatDateTime(received.appointmentAt)}</Text>
        </Alert>
        <FormAlert errors={printErrors} />
        <Group>
          <Button onClick={() => print.mutate(received.code)} loading={print.isPending}>
            In giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)
          </Button>
          <Button component={Link} to={`/ho-so/${enc(received.code)}`} variant="light">
            Mở hồ sơ
          </Button>
          <Button variant="default" onClick={restart}>
            Tiếp nhận hồ sơ khác
          </Button>
        </Group>
        <PrintFrame form={form} onClose={() => setForm(null)} />
      </Stack>
    );
  }

  return (
    <form onSubmit={submit}>
      <Stack>
        <Title order={2}>Tiếp nhận hồ sơ</Title>
        {restored ? (
          <Alert
            color="blue"
            title="Đã khôi phục dữ liệu đang nhập"
            withCloseButton
            onClose={() => setRestored(false)}
            data-testid="draft-restored"
          >
            Dữ liệu hồ sơ đang nhập dở (trước khi phiên đăng nhập hết hạn hoặc trang được tải lại) đã được
            khôi phục. Vui lòng kiểm tra lại trước khi xác nhận tiếp nhận.
          </Alert>
        ) : null}
        <Radio.Group
          label="Hình thức tiếp nhận"
          value={channel}
          onChange={(v) => setChannel(v === 'postal' ? 'postal' : 'direct')}
          error={errors.field('channel')}
        >
          <Group mt="xs">
            {channels.map((c) => (
              <Radio key={c.value} value={c.value} label={c.label} />
            ))}
          </Group>
        </Radio.Group>
        <Select
          label="Thủ tục hành chính"
          placeholder="Chọn thủ tục"
          searchable
          data={(procedures.data?.items ?? []).map((p) => ({
            value: p.code,
            label: `${p.name} (${p.code})`,
          }))}
          value={procedureCode}
          onChange={(code) => {
            setProcedureCode(code);
            setComponents([]);
            setIncomplete(null);
          }}
          error={errors.field('procedureCode')}
          nothingFoundMessage="Không có thủ tục phù hợp"
          required
        />
        {definition ? (
          <Grid>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Paper withBorder p="md">
                <Title order={4} mb="xs">
                  Thành phần hồ sơ
                </Title>
                <Checkbox.Group
                  value={components}
                  onChange={setComponents}
                  error={errors.field('components')}
                >
                  <Stack gap="xs">
                    {definition.components.map((c) => (
                      <Checkbox
                        key={c.code}
                        value={c.code}
                        label={
                          <>
                            {c.name}{' '}
                            {c.required ? (
                              <Badge size="xs" color="red" variant="light">
                                bắt buộc
                              </Badge>
                            ) : (
                              <Badge size="xs" color="gray" variant="light">
                                nếu có
                              </Badge>
                            )}
                          </>
                        }
                      />
                    ))}
                  </Stack>
                </Checkbox.Group>
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Paper withBorder p="md" data-testid="appointment-preview">
                <Title order={4} mb="xs">
                  Thời hạn giải quyết
                </Title>
                <Text>
                  {definition.legalLimit.unit === 'same_day'
                    ? 'Trong ngày'
                    : `${definition.legalLimit.amount} ${limitUnits[definition.legalLimit.unit]}`}
                </Text>
                <Text size="sm" c="dimmed">
                  Phí, lệ phí: {definition.fee.amount > 0 ? formatMoney(definition.fee.amount) : 'không'}
                </Text>
                <Text mt="sm">Nếu tiếp nhận bây giờ, hẹn trả kết quả:</Text>
                <Text fw={700} size="lg" data-testid="appointment">
                  {appointment.data ? formatDateTime(appointment.data.deadline) : '…'}
                </Text>
                {appointment.data?.explanation.length ? (
                  <List size="xs" mt="xs">
                    {appointment.data.explanation.map((e) => (
                      <List.Item key={e.date + e.reason}>
                        {formatDate(e.date)}: {e.reason}
                      </List.Item>
                    ))}
                  </List>
                ) : null}
                {appointment.isError ? <Text c="red">{appointment.error.message}</Text> : null}
              </Paper>
            </Grid.Col>
          </Grid>
        ) : null}
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            Người nộp hồ sơ
          </Title>
          <Grid>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <TextInput
                label="Họ và tên"
                value={applicant.fullName}
                onChange={setField('fullName')}
                error={errors.field('applicant.fullName')}
                required
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <TextInput
                label="Số định danh cá nhân / CCCD"
                value={applicant.idNumber}
                onChange={setField('idNumber')}
                error={errors.field('applicant.idNumber')}
                required
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <TextInput
                label="Thư điện tử"
                value={applicant.email}
                onChange={setField('email')}
                error={errors.field('applicant.email')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <TextInput
                label="Số điện thoại"
                value={applicant.phone}
                onChange={setField('phone')}
                error={errors.field('applicant.phone')}
              />
            </Grid.Col>
          </Grid>
        </Paper>
        <FormAlert
          errors={errors}
          fields={[
            'channel',
            'procedureCode',
            'components',
            'applicant.fullName',
            'applicant.idNumber',
            'applicant.email',
            'applicant.phone',
          ]}
        />
        {incomplete ? (
          <Alert color="orange" title="Hồ sơ chưa đầy đủ, chưa tiếp nhận" data-testid="receipt-incomplete">
            <Text size="sm">Thiếu:</Text>
            <List size="sm">
              {incomplete.missing.map((m) => (
                <List.Item key={m.code}>{m.name}</List.Item>
              ))}
            </List>
            <Button
              mt="sm"
              variant="light"
              loading={printGuidance.isPending}
              onClick={() => printGuidance.mutate(incomplete.guidanceId)}
            >
              In phiếu hướng dẫn bổ sung (Mẫu 02)
            </Button>
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={receive.isPending} disabled={!definition}>
            {missing.length > 0 ? 'Kiểm tra và lập phiếu hướng dẫn (Mẫu 02)' : 'Xác nhận tiếp nhận'}
          </Button>
          {missing.length > 0 && definition ? (
            <Text size="sm" c="orange">
              Còn thiếu {missing.length} thành phần bắt buộc.
            </Text>
          ) : null}
          <Anchor component={Link} to="/hop-viec" size="sm">
            Về hộp việc
          </Anchor>
        </Group>
        <PrintFrame form={form} onClose={() => setForm(null)} />
      </Stack>
    </form>
  );
}
