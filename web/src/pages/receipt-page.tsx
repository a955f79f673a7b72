/**
 * Receipt at the desk of the officer's receiving unit: choose the procedure, tick the components against
 * its checklist, enter the applicant (and who files for them), choose where the result goes back, see the
 * appointment the calendar gives before confirming; then print Mẫu 01. An incomplete dossier is not
 * received: the one-time guidance (Mẫu 02) is recorded and printed instead.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, Radio, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { missingComponents } from '../../../domain/procedure/completeness';
import { Link } from 'react-router';
import { api, ApiError, enc, newIdempotencyKey } from '../api/client';
import {
  type DossierView,
  type IncompleteReceipt,
  type ProcedureSummary,
  type ProcedureVersion,
} from '../api/types';
import { useOfficer } from '../auth';
import { clearDraft, loadDraft, saveDraft } from '../components/draft';
import { FormAlert, useFormErrors } from '../components/errors';
import { useReceivingUnits } from '../components/use-receiving-units';
import { useSingleFlight } from '../components/use-single-flight';
import {
  emptyReceiptForm,
  fromDraft,
  isBlank,
  isStoredReceiptDraft,
  receiptBody,
  type Channel,
  type ReceiptForm,
} from '../lib/receipt-form';
import { ApplicantSection, applicantFields } from './receipt/applicant-section';
import { ProcedureSection } from './receipt/procedure-section';
import { IncompleteAlert, ReceivedPanel } from './receipt/receipt-outcome';
import { ReturnSection, returnFields } from './receipt/return-section';

const DRAFT = 'receipt';

export function ReceiptPage() {
  const me = useOfficer();
  const units = useReceivingUnits();
  const blank = () => emptyReceiptForm(me.receivingUnit);
  // A draft left by an expired session (or a reload) comes back, and the officer is told so.
  const [form, setForm] = useState<ReceiptForm>(() => {
    const draft = loadDraft(DRAFT, me.username, isStoredReceiptDraft);
    return draft ? fromDraft(draft, me.receivingUnit) : blank();
  });
  const [restored, setRestored] = useState(() => !isBlank(form));
  useEffect(() => {
    if (isBlank(form)) clearDraft(DRAFT, me.username);
    else saveDraft(DRAFT, me.username, form);
  }, [form, me.username]);
  const patch = (p: Partial<ReceiptForm>) => setForm((f) => ({ ...f, ...p }));
  const [received, setReceived] = useState<DossierView | null>(null);
  const [incomplete, setIncomplete] = useState<IncompleteReceipt | null>(null);
  const errors = useFormErrors();
  const once = useSingleFlight();
  // One key per intended receipt (same body): a double click or a retry after a lost answer never makes
  // two dossiers; a changed form is a new intent with a new key.
  const intent = useRef({ key: newIdempotencyKey(), body: '' });

  const procedures = useQuery({
    queryKey: ['procedures'],
    queryFn: () => api<{ items: ProcedureSummary[] }>('/procedures'),
  });
  const procedure = useQuery({
    queryKey: ['procedure', form.procedureCode],
    queryFn: () => api<ProcedureVersion>(`/procedures/${enc(form.procedureCode!)}`),
    enabled: form.procedureCode !== null,
  });
  const definition = procedure.data?.definition;

  // The API's completeness rule, to say before sending what it will answer (the API stays the authority).
  const missing = missingComponents(definition?.components ?? [], form.components);

  const receive = useMutation({
    mutationFn: (procedureCode: string) => {
      const body = receiptBody(form, procedureCode, definition?.fee.per === 'copy');
      const text = JSON.stringify(body);
      if (text !== intent.current.body) intent.current = { key: newIdempotencyKey(), body: text };
      return api<DossierView>('/dossiers', { idempotencyKey: intent.current.key, body });
    },
    onSuccess: (dossier) => {
      setReceived(dossier);
      intent.current = { key: newIdempotencyKey(), body: '' };
      // Received: nothing left to keep as a draft.
      setForm(blank());
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

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = form.procedureCode;
    if (code === null) return;
    errors.clear();
    setIncomplete(null);
    once(() => receive.mutateAsync(code));
  };

  const restart = () => {
    setRestored(false);
    setReceived(null);
    setIncomplete(null);
    setForm(blank());
    errors.clear();
  };

  if (received) return <ReceivedPanel dossier={received} onNext={restart} />;

  // Where the officer receives: their unit by name (a Centre point is no "Bộ phận Một cửa").
  const deskName = me.receivingUnit ? units.unitName(me.receivingUnit) : 'quầy tiếp nhận';
  const channels: { value: Channel; label: string }[] = [
    { value: 'direct', label: `Trực tiếp tại ${deskName}` },
    { value: 'postal', label: 'Qua dịch vụ bưu chính' },
  ];

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
          value={form.channel}
          onChange={(v) => patch({ channel: v === 'postal' ? 'postal' : 'direct' })}
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
          value={form.procedureCode}
          onChange={(code) => {
            patch({ procedureCode: code, components: [] });
            setIncomplete(null);
          }}
          error={errors.field('procedureCode')}
          nothingFoundMessage="Không có thủ tục phù hợp"
          required
        />
        {definition ? (
          <ProcedureSection
            definition={definition}
            tenant={me.tenant}
            components={form.components}
            onComponents={(components) => patch({ components })}
            copies={form.copies}
            onCopies={(copies) => patch({ copies })}
            errors={errors}
          />
        ) : null}
        <ApplicantSection
          applicant={form.applicant}
          representative={form.representative}
          onApplicant={(p) => setForm((f) => ({ ...f, applicant: { ...f.applicant, ...p } }))}
          onRepresentative={(representative) => patch({ representative })}
          errors={errors}
        />
        <ReturnSection
          returnTo={form.returnTo}
          applicant={form.applicant}
          units={units.units}
          onChange={(returnTo) => patch({ returnTo })}
          errors={errors}
        />
        <FormAlert
          errors={errors}
          fields={['channel', 'procedureCode', 'components', ...applicantFields, ...returnFields]}
        />
        {incomplete ? <IncompleteAlert incomplete={incomplete} /> : null}
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
      </Stack>
    </form>
  );
}
