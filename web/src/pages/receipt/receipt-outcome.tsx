/**
 * What a receipt ends with: the dossier received (code, appointment, Mẫu 01 to print), or, for an
 * incomplete one, the missing components and the one-time guidance (Mẫu 02) to print.
 */
import { useState } from 'react';
import { Alert, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { enc } from '../../api/client';
import { type DossierView, type IncompleteReceipt } from '../../api/types';
import { FormAlert, useFormErrors } from '../../components/errors';
import { fetchDossierForm, fetchGuidanceForm } from '../../components/forms';
import { PrintFrame, type PrintableForm } from '../../components/print-frame';
import { formatDateTime } from '../../lib/time';

export function ReceivedPanel({ dossier, onNext }: { dossier: DossierView; onNext: () => void }) {
  const [form, setForm] = useState<PrintableForm | null>(null);
  const printErrors = useFormErrors();
  const print = useMutation({
    mutationFn: (code: string) => fetchDossierForm(code, '01'),
    onSuccess: setForm,
    onError: printErrors.setError,
  });
  return (
    <Stack maw={720}>
      <Title order={2}>Đã tiếp nhận hồ sơ</Title>
      <Alert
        color="green"
        title={`Mã hồ sơ ${dossier.code}`}
        data-testid="receipt-done"
        data-code={dossier.code}
      >
        <Text>
          {dossier.procedure.name} – {dossier.applicant.fullName}
        </Text>
        <Text fw={600}>Hẹn trả kết quả: {formatDateTime(dossier.appointmentAt)}</Text>
      </Alert>
      <FormAlert errors={printErrors} />
      <Group>
        <Button onClick={() => print.mutate(dossier.code)} loading={print.isPending}>
          In giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)
        </Button>
        <Button component={Link} to={`/ho-so/${enc(dossier.code)}`} variant="light">
          Mở hồ sơ
        </Button>
        <Button variant="default" onClick={onNext}>
          Tiếp nhận hồ sơ khác
        </Button>
      </Group>
      <PrintFrame form={form} onClose={() => setForm(null)} />
    </Stack>
  );
}

export function IncompleteAlert({ incomplete }: { incomplete: IncompleteReceipt }) {
  const [form, setForm] = useState<PrintableForm | null>(null);
  const printErrors = useFormErrors();
  const printGuidance = useMutation({
    mutationFn: (guidanceId: number) => fetchGuidanceForm(guidanceId),
    onSuccess: setForm,
    onError: printErrors.setError,
  });
  return (
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
      <FormAlert errors={printErrors} />
      <PrintFrame form={form} onClose={() => setForm(null)} />
    </Alert>
  );
}
