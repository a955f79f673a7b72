/**
 * `/dvc/ho-so/:code`: one of the citizen's dossiers — status (national status code), dates, what is asked
 * of them (completion, supplement, payment, rating), the forms and the result to download, the files they
 * sent and the history in plain Vietnamese. After the payment gateway's return (`?thanh-toan=`) the page
 * says how it went and, on success, refetches until the payment is confirmed.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { Info } from '../components/info';
import { RatingForm, ratingLevels } from '../components/rating-form';
import { returnMethodLabels, statusColor } from '../lib/labels';
import { formatDateTime } from '../lib/time';
import { portal, portalLinks } from './api';
import { PaymentBox } from './dossier/payment-box';
import { RequestBox } from './dossier/request-box';
import { TextTimeline } from './text-timeline';
import { paymentReturnMessages } from './labels';
import type { PortalDossier, PortalForm } from './types';

const PAYMENT_POLL_MS = 3000;

const formLabels: Record<PortalForm, string> = {
  receipt: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  guidance: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  refusal: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
};

/** The forms the dossier has by now: the receipt once accepted, the guidance once asked, the refusal. */
function formsOf(d: PortalDossier): PortalForm[] {
  const forms: PortalForm[] = [];
  if (d.receivedAt) forms.push('receipt');
  if (d.request?.kind === 'complete') forms.push('guidance');
  if (d.refusal) forms.push('refusal');
  return forms;
}

function Documents({ dossier }: { dossier: PortalDossier }) {
  const forms = formsOf(dossier);
  if (forms.length === 0 && !dossier.result.available) return null;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Giấy tờ, kết quả
      </Title>
      <Stack gap="xs" align="flex-start">
        {forms.map((f) => (
          <Anchor
            key={f}
            href={portalLinks.form(dossier.code, f)}
            target="_blank"
            rel="noreferrer"
            data-testid={`form-${f}`}
          >
            {formLabels[f]} (PDF)
          </Anchor>
        ))}
        {dossier.result.available ? (
          <Button
            component="a"
            href={portalLinks.result(dossier.code)}
            download
            data-testid="result-download"
          >
            Tải kết quả{dossier.result.fileName ? ` (${dossier.result.fileName})` : ''}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}

function History({ dossier }: { dossier: PortalDossier }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        Quá trình xử lý
      </Title>
      <TextTimeline items={dossier.history} testId="portal-history" />
    </Paper>
  );
}

function DossierView({ dossier, paymentReturn }: { dossier: PortalDossier; paymentReturn: string | null }) {
  const client = useQueryClient();
  const key = ['portal', 'citizen', 'dossier', dossier.code];
  const returned = paymentReturn ? paymentReturnMessages[paymentReturn] : undefined;
  const rating = dossier.rating ? ratingLevels.find((l) => l.value === dossier.rating?.level) : undefined;
  return (
    <Stack>
      {returned ? (
        <Alert
          color={dossier.payment?.status === 'paid' ? 'green' : returned.color}
          role="status"
          data-testid="payment-return"
        >
          {dossier.payment?.status === 'paid' ? 'Đã xác nhận thanh toán. Cảm ơn ông/bà.' : returned.text}
        </Alert>
      ) : null}
      <Group gap="xs">
        <Badge size="lg" color={statusColor(dossier.nationalStatus)} data-testid="portal-status">
          {dossier.statusLabel}
        </Badge>
        <Text size="sm" c="dimmed">
          Mã trạng thái {dossier.nationalStatus} (Cổng Dịch vụ công quốc gia)
        </Text>
      </Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Info label="Nộp lúc">{formatDateTime(dossier.submittedAt)}</Info>
          <Info label="Tiếp nhận lúc">
            {dossier.receivedAt ? formatDateTime(dossier.receivedAt) : 'Chưa tiếp nhận'}
          </Info>
          <Info label="Hẹn trả kết quả" testId="portal-appointment">
            {dossier.appointmentAt ? formatDateTime(dossier.appointmentAt) : '—'}
          </Info>
          <Info label="Nơi tiếp nhận">{dossier.receivingUnit.name}</Info>
          <Info label="Cách nhận kết quả">{returnMethodLabels[dossier.returnMethod]}</Info>
          <Info label="Người nộp">{dossier.applicant.fullName}</Info>
        </SimpleGrid>
      </Paper>
      {dossier.refusal ? (
        <Alert color="red" title="Hồ sơ bị từ chối" data-testid="refusal">
          {dossier.refusal.reason} ({formatDateTime(dossier.refusal.at)})
        </Alert>
      ) : null}
      {dossier.request ? (
        <RequestBox dossier={dossier} request={dossier.request} onSent={(d) => client.setQueryData(key, d)} />
      ) : null}
      {dossier.payment ? <PaymentBox code={dossier.code} payment={dossier.payment} /> : null}
      <Documents dossier={dossier} />
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          Giấy tờ đã nộp
        </Title>
        <List spacing={4}>
          {dossier.components.map((c) => (
            <List.Item key={`${c.code}-${c.fileId}`}>
              {c.name}:{' '}
              <Anchor href={portalLinks.file(dossier.code, c.fileId)} target="_blank" rel="noreferrer">
                {c.fileName}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Paper>
      <History dossier={dossier} />
      {rating ? (
        <Text size="sm" data-testid="portal-rating">
          Ông/bà đã đánh giá: {rating.label}.
        </Text>
      ) : null}
      {dossier.canRate ? (
        <RatingForm
          headingOrder={2}
          send={(body) => portal.rate(dossier.code, body)}
          onRated={() => void client.invalidateQueries({ queryKey: key })}
        />
      ) : null}
    </Stack>
  );
}

export function PortalDossierPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const paymentReturn = params.get('thanh-toan');
  const query = useQuery({
    queryKey: ['portal', 'citizen', 'dossier', code],
    queryFn: () => portal.dossier(code),
    // Back from the gateway: its confirmation reaches the API on its own; ask again until it has.
    refetchInterval: (q) =>
      paymentReturn === 'thanh-cong' && q.state.data?.payment?.status === 'pending' ? PAYMENT_POLL_MS : false,
  });
  return (
    <Stack>
      <Anchor component={Link} to="/dvc/ho-so" size="sm">
        ← Hồ sơ của tôi
      </Anchor>
      <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
        Hồ sơ {code}
      </Title>
      {query.data ? <Text style={{ overflowWrap: 'anywhere' }}>{query.data.procedure.name}</Text> : null}
      {query.isLoading ? <Loader aria-label="Đang tải hồ sơ" /> : null}
      {query.isError ? (
        <Alert color="red" role="alert" data-code={(query.error as { code?: string }).code}>
          {query.error.message}
        </Alert>
      ) : null}
      {query.data ? <DossierView dossier={query.data} paymentReturn={paymentReturn} /> : null}
    </Stack>
  );
}
