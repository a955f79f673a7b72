/**
 * One dossier: status, current step, deadlines and clock state, the history as a timeline (who, what,
 * when, on time or late), the actions the officer's role may take now (others hidden), the forms to
 * print and the link to its Temporal Web UI history.
 */
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, apiFile, enc, saveFile } from '../api/client';
import {
  type ActionPath,
  type DossierFormKind,
  type DossierHistory,
  type DossierView,
  type HistoryItem,
  type Role,
  type SignatureCheck,
} from '../api/types';
import { useOfficer } from '../auth';
import { ActionDialog, actionSpecOf, actionSpecs } from '../components/action-dialog';
import { ApplicantPanel } from '../components/applicant-panel';
import { FormAlert, useFormErrors } from '../components/errors';
import { FeePanel } from '../components/fee-panel';
import { fetchDossierForm, fetchDossierFormList, formButtonLabel } from '../components/forms';
import { Info } from '../components/info';
import { LongText } from '../components/long-text';
import { PrintFrame, type PrintableForm } from '../components/print-frame';
import { SignatureReportView } from '../components/signature-report';
import { useOrganisation, useProcedureDefinition } from '../components/use-organisation';
import { useReceivingUnits } from '../components/use-receiving-units';
import { useWorkingDays } from '../components/use-calendar';
import { useNow } from '../components/use-now';
import {
  eventLabel,
  onTimeLabels,
  returnPlace,
  roleLabels,
  ruleSetLabel,
  statusColor,
  stepKindLabels,
} from '../lib/labels';
import { formatDateTime, remainingText, workingMinutesBetween } from '../lib/time';

const payloadText = (item: HistoryItem): string[] => {
  const p = item.payload;
  const out: string[] = [];
  const assignee = p.assignee as { fullName?: string } | undefined;
  if (assignee?.fullName) out.push(`Giao cho: ${assignee.fullName}`);
  for (const key of ['reason', 'note'] as const) {
    if (typeof p[key] === 'string' && p[key])
      out.push(`${key === 'reason' ? 'Lý do' : 'Ghi chú'}: ${p[key]}`);
  }
  if (Array.isArray(p.items)) out.push(`Cần bổ sung: ${(p.items as string[]).join('; ')}`);
  if (Array.isArray(p.reasons)) out.push(`Lý do: ${(p.reasons as string[]).join('; ')}`);
  if (typeof p.receiptNumber === 'string') out.push(`Biên lai: ${p.receiptNumber}`);
  if (typeof p.newAppointmentAt === 'string') out.push(`Hẹn lại: ${formatDateTime(p.newAppointmentAt)}`);
  if (typeof p.fileName === 'string') out.push(`Tệp: ${p.fileName}`);
  return out;
};

function HistoryTimeline({
  history,
  stepName,
}: {
  history: DossierHistory;
  stepName: (id: string) => string;
}) {
  return (
    <Timeline bulletSize={18} lineWidth={2} data-testid="timeline">
      {history.items.map((item) => {
        const onTime = item.onTime ? onTimeLabels[item.onTime] : undefined;
        return (
          <Timeline.Item
            key={item.seq}
            color={item.onTime === 'late' || item.type === 'overdue' ? 'red' : 'blue'}
            title={
              <Group gap="xs">
                <Text fw={600} size="sm">
                  {eventLabel(item.type)}
                </Text>
                {onTime ? (
                  <Badge size="xs" color={onTime.color}>
                    {onTime.label}
                  </Badge>
                ) : null}
              </Group>
            }
            data-testid="timeline-item"
            data-type={item.type}
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(item.at)} ·{' '}
              {item.actor.name
                ? `${item.actor.name}${item.actor.role ? ` (${roleLabels[item.actor.role as Role] ?? item.actor.role})` : ''}`
                : 'Hệ thống'}
              {item.stepId ? ` · bước «${stepName(item.stepId)}»` : ''}
            </Text>
            {payloadText(item).map((line) => (
              <Text size="sm" key={line}>
                {line}
              </Text>
            ))}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

export function DossierPage() {
  const { code = '' } = useParams();
  const me = useOfficer();
  const client = useQueryClient();
  const days = useWorkingDays();
  const now = useNow();
  const [action, setAction] = useState<ActionPath | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [form, setForm] = useState<PrintableForm | null>(null);
  const printErrors = useFormErrors();
  // While the workflow is signing the result, the view is refreshed until the signature is there.
  const dossier = useQuery({
    queryKey: ['dossier', code],
    queryFn: () => api<DossierView>(`/dossiers/${enc(code)}`),
    refetchInterval: (query) => (query.state.data?.result?.signing ? 2000 : false),
  });
  const signing = Boolean(dossier.data?.result?.signing);
  const history = useQuery({
    queryKey: ['history', code, signing],
    queryFn: () => api<DossierHistory>(`/dossiers/${enc(code)}/history`),
  });
  const resultSha = dossier.data?.result?.sha256;
  const signatures = useQuery({
    queryKey: ['result-signatures', code, resultSha],
    queryFn: () => api<SignatureCheck>(`/dossiers/${enc(code)}/result-file/signatures`),
    enabled: Boolean(resultSha),
  });
  // The forms that apply change with the history: refetched with it.
  const forms = useQuery({
    queryKey: ['forms', code, history.data?.items.length],
    queryFn: () => fetchDossierFormList(code),
  });
  const print = useMutation({
    mutationFn: (kind: DossierFormKind) => fetchDossierForm(code, kind),
    onSuccess: setForm,
    onError: printErrors.setError,
  });
  const org = useOrganisation();
  const units = useReceivingUnits();
  const definition = useProcedureDefinition(dossier.data?.procedure);
  const stepName = (id: string) => definition?.steps.find((st) => st.id === id)?.name ?? id;
  const download = useMutation({
    mutationFn: (fileName: string) => apiFile(`/dossiers/${enc(code)}/result-file`, fileName),
    onSuccess: saveFile,
    onError: printErrors.setError,
  });

  if (dossier.isError) return <Alert color="red">{dossier.error.message}</Alert>;
  if (!dossier.data) return <Loader />;
  const d = dossier.data;
  const step = d.currentStep;
  // What the API offers this officer now: the dry run of the workflow's own decision.
  const actions = d.allowedActions;
  const remaining = step && days ? workingMinutesBetween(now, Date.parse(step.deadline), days) : null;
  const appointmentMoved = d.appointmentAt !== d.originalAppointmentAt;

  const finished = (message: string) => {
    setAction(null);
    setDone(message);
    void client.invalidateQueries({ queryKey: ['dossier', code] });
    void client.invalidateQueries({ queryKey: ['history', code] });
    void client.invalidateQueries({ queryKey: ['inbox'] });
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} data-testid="dossier-code">
            Hồ sơ {d.code}
          </Title>
          <LongText>{d.procedure.name}</LongText>
        </div>
        <Group gap="xs">
          <Badge size="lg" color={statusColor(d.status)} data-testid="dossier-status">
            {d.statusLabel}
          </Badge>
          {d.overdue ? (
            <Badge size="lg" color="red">
              Quá hạn
            </Badge>
          ) : null}
          {d.atRisk && !d.overdue ? (
            <Badge size="lg" color="orange">
              Nguy cơ trễ hẹn
            </Badge>
          ) : null}
          {d.clock.paused ? (
            <Badge size="lg" color="yellow">
              Tạm dừng tính thời gian
            </Badge>
          ) : null}
        </Group>
      </Group>
      {done ? (
        <Alert color="green" withCloseButton onClose={() => setDone(null)} data-testid="action-done">
          {done}
        </Alert>
      ) : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Paper withBorder p="md">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Info label="Tiếp nhận">
                  {formatDateTime(d.receivedAt)} · {org.officerName(d.receivedBy)}
                </Info>
                <Info label="Nơi tiếp nhận" testId="received-unit">
                  {units.unitName(d.desk.receivingUnit)}
                </Info>
                <Info label="Hẹn trả kết quả">
                  <b>{formatDateTime(d.appointmentAt)}</b>
                  {appointmentMoved ? ` (hẹn ban đầu ${formatDateTime(d.originalAppointmentAt)})` : ''}
                </Info>
                <Info label="Nơi trả kết quả" testId="return-place">
                  {returnPlace(d.desk, units.unitName)}
                </Info>
                <Info label="Tình trạng">{d.phaseLabel}</Info>
                <Info label="Đồng hồ thời hạn">
                  {d.clock.running ? 'Đang tính' : d.clock.paused ? 'Tạm dừng (chờ bổ sung)' : 'Đã dừng'}
                  {d.clock.supplementRequests > 0
                    ? ` · ${d.clock.supplementRequests} lần yêu cầu bổ sung`
                    : ''}
                </Info>
                <Info label="Kết quả">
                  {d.outcome
                    ? (onTimeLabels[d.outcome]?.label ?? d.outcome)
                    : d.resultReadyAt
                      ? 'Đã có kết quả'
                      : 'Chưa có'}
                </Info>
                <Info label="Quy định áp dụng" testId="rule-set">
                  {ruleSetLabel(d.ruleSet)}
                </Info>
              </SimpleGrid>
              {d.apology ? (
                <Alert mt="sm" color="orange" title="Đã ký phiếu xin lỗi và hẹn lại">
                  {d.apology.late ? (
                    <Badge color="red" mr="xs" data-testid="apology-late">
                      Xin lỗi muộn
                    </Badge>
                  ) : null}
                  {d.apology.signerName}, {formatDateTime(d.apology.signedAt)}: {d.apology.reason}. Hẹn mới{' '}
                  {formatDateTime(d.apology.newAppointmentAt)}.
                  {d.apology.dueBy ? ` Hạn ký theo quy định: ${formatDateTime(d.apology.dueBy)}.` : ''}
                </Alert>
              ) : null}
            </Paper>
            <ApplicantPanel applicant={d.applicant} />
            <Paper withBorder p="md" data-testid="current-step">
              <Title order={4} mb="xs">
                Bước hiện tại
              </Title>
              {step ? (
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <Info label="Bước">
                    {step.name ?? step.stepId} ({stepKindLabels[step.kind ?? ''] ?? step.kind})
                  </Info>
                  <Info label="Đơn vị / vai trò">
                    {step.division ? org.divisionName(step.division) : ''} ·{' '}
                    {step.role ? roleLabels[step.role] : ''}
                  </Info>
                  <Info label="Người xử lý">{step.assignee?.fullName ?? 'Chưa phân công'}</Info>
                  <Info label="Bắt đầu">{formatDateTime(step.startedAt)}</Info>
                  <Info label="Hạn của bước">{formatDateTime(step.deadline)}</Info>
                  <Info label="Thời gian còn lại">
                    {remaining === null ? (
                      '—'
                    ) : (
                      <Text span c={remaining < 0 ? 'red' : undefined} fw={remaining < 0 ? 700 : undefined}>
                        {remainingText(remaining)}
                      </Text>
                    )}
                  </Info>
                </SimpleGrid>
              ) : (
                <Text c="dimmed">Hồ sơ đã kết thúc {d.finishedAt ? formatDateTime(d.finishedAt) : ''}.</Text>
              )}
            </Paper>
            {d.payment ? <FeePanel payment={d.payment} /> : null}
            {d.result ? (
              <Paper withBorder p="md" data-testid="result-file">
                <Title order={4} mb="xs">
                  {d.procedure.resultSigning ? 'Kết quả điện tử' : 'Kết quả đã số hóa'}
                </Title>
                <Group gap="xs">
                  <Anchor
                    component="button"
                    type="button"
                    onClick={() => download.mutate(d.result!.fileName)}
                    data-testid="result-file-link"
                  >
                    {d.result.fileName}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    đính kèm {formatDateTime(d.result.attachedAt)} bởi {org.officerName(d.result.attachedBy)}
                  </Text>
                </Group>
                {d.result.signing ? (
                  <Group gap="xs" mt="xs">
                    <Loader size="xs" />
                    <Text size="sm">
                      {d.result.signing === 'seal' ? 'Đang đóng dấu số…' : 'Đang ký số kết quả…'}
                    </Text>
                  </Group>
                ) : null}
                {signatures.data ? (
                  <Stack gap={4} mt="sm">
                    <Text size="sm" fw={600}>
                      Kiểm tra chữ ký số
                    </Text>
                    <SignatureReportView check={signatures.data} />
                  </Stack>
                ) : null}
              </Paper>
            ) : null}
            <Paper withBorder p="md">
              <Group justify="space-between" mb="sm">
                <Title order={4}>Quá trình giải quyết</Title>
                {history.data ? (
                  <Badge color={history.data.chainValid ? 'green' : 'red'} variant="light">
                    {history.data.chainValid
                      ? 'Nhật ký toàn vẹn'
                      : `Nhật ký bị sửa đổi tại bước ${history.data.brokenAtSeq ?? '?'}`}
                  </Badge>
                ) : null}
              </Group>
              {history.isError ? <Alert color="red">{history.error.message}</Alert> : null}
              {history.data ? (
                <HistoryTimeline history={history.data} stepName={stepName} />
              ) : (
                <Loader size="sm" />
              )}
              {history.data && history.data.rejected.length > 0 ? (
                <>
                  <Title order={5} mt="md">
                    Thao tác bị từ chối
                  </Title>
                  <Table data-testid="rejected">
                    <Table.Tbody>
                      {history.data.rejected.map((r) => (
                        <Table.Tr key={r.at + r.action}>
                          <Table.Td>{formatDateTime(r.at)}</Table.Td>
                          <Table.Td>{r.actor ? org.officerName(r.actor) : 'Hệ thống'}</Table.Td>
                          <Table.Td>{eventLabel(r.action)}</Table.Td>
                          <Table.Td>{r.message}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </>
              ) : null}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Paper withBorder p="md" data-testid="actions">
              <Title order={4} mb="xs">
                Thao tác
              </Title>
              {actions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {me.role === 'auditor'
                    ? 'Vai trò thanh tra chỉ xem hồ sơ.'
                    : 'Không có thao tác nào bạn được thực hiện ở bước này.'}
                </Text>
              ) : (
                <Stack gap="xs">
                  {actions.map((a) => (
                    <Button key={a} variant="light" color={actionSpecs[a].color} onClick={() => setAction(a)}>
                      {actionSpecOf(a, d).label}
                    </Button>
                  ))}
                </Stack>
              )}
            </Paper>
            <Paper withBorder p="md">
              <Title order={4} mb="xs">
                Biểu mẫu
              </Title>
              <Stack gap="xs">
                {(forms.data ?? [])
                  .filter((f) => f.available)
                  .map((f) => (
                    <Button
                      key={f.kind}
                      variant="default"
                      justify="flex-start"
                      h="auto"
                      py={8}
                      styles={{ label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.35 } }}
                      onClick={() => print.mutate(f.kind)}
                      loading={print.isPending && print.variables === f.kind}
                    >
                      {formButtonLabel(f)}
                    </Button>
                  ))}
              </Stack>
              <FormAlert errors={printErrors} />
            </Paper>
            {d.links.temporal ? (
              <Paper withBorder p="md">
                <Anchor href={d.links.temporal} target="_blank" rel="noreferrer" data-testid="temporal-link">
                  Xem lịch sử xử lý trên Temporal Web UI
                </Anchor>
              </Paper>
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>
      {action ? (
        <ActionDialog action={action} dossier={d} onClose={() => setAction(null)} onDone={finished} />
      ) : null}
      <PrintFrame form={form} onClose={() => setForm(null)} />
    </Stack>
  );
}
