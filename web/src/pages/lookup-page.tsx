/**
 * Public lookup for applicants (`lookupDossier`, no login): dossier code + ID number. `?ma=<code>`
 * prefills the code (the link printed on the receipt slip). A wrong pair reveals nothing but "not found".
 * Once returned: the result file (`downloadLookupResult`) and the satisfaction rating (`rateDossier`).
 */
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  FileInput,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, apiFile, saveFile } from '../api/client';
import { FormAlert, useFormErrors } from '../components/errors';
import { RatingForm } from '../components/rating-form';
import type { PublicSignatureCheck } from '../api/types';
import { SignatureReportView } from '../components/signature-report';
import { statusColor } from '../lib/labels';
import { formatDateTime } from '../lib/time';
import { useSingleFlight } from '../components/use-single-flight';

interface LookupAnswer {
  code: string;
  status: number;
  statusLabel: string;
  phaseLabel: string;
  procedure: { code: string; name: string };
  receivedAt: string;
  appointmentAt: string;
  currentStep: { name: string | null; handledBy: string | null } | null;
  pendingSupplement: { requestedAt: string; reason: string; items: string[] } | null;
  resultReady: boolean;
  resultReadyAt: string | null;
  returned: boolean;
  returnedAt: string | null;
  result: { fileName: string; download: { method: 'POST'; href: string } } | null;
  rating: { levelLabel: string; comment: string | null; ratedAt: string } | null;
  canRate: boolean;
}

interface Proof {
  code: string;
  idNumber: string;
}

export function LookupPage() {
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [idNumber, setIdNumber] = useState('');
  const [proof, setProof] = useState<Proof | null>(null);
  const errors = useFormErrors();
  const once = useSingleFlight();
  const downloadErrors = useFormErrors();
  const lookup = useMutation({
    mutationFn: (p: Proof) => api<LookupAnswer>('/public/lookup', { anonymous: true, body: p }),
    onSuccess: (_answer, p) => setProof(p),
    onError: errors.setError,
  });
  const download = useMutation({
    mutationFn: () => {
      const result = lookup.data!.result!;
      return apiFile(result.download.href, result.fileName, { anonymous: true, body: proof });
    },
    onSuccess: saveFile,
    onError: downloadErrors.setError,
  });
  // The signatures of the returned result, checked by the server with the same proof.
  const check = useMutation({
    mutationFn: () => api<PublicSignatureCheck>('/public/verify-result', { anonymous: true, body: proof }),
    onError: downloadErrors.setError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    once(() => lookup.mutateAsync({ code: code.trim(), idNumber: idNumber.trim() }));
  };
  const found = lookup.data;
  const notFound = errors.error?.status === 404;
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w={600}>
        <Title order={2}>Tra cứu hồ sơ thủ tục hành chính</Title>
        <Text c="dimmed">
          Sở Giáo dục và Đào tạo – nhập mã hồ sơ trên giấy tiếp nhận và hẹn trả kết quả, và số giấy tờ tùy
          thân của người nộp hồ sơ.
        </Text>
        <Paper withBorder p="md">
          <form onSubmit={submit}>
            <Stack>
              <TextInput
                label="Mã hồ sơ"
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={errors.field('code')}
                required
              />
              <TextInput
                label="Số định danh cá nhân / CCCD của người nộp"
                value={idNumber}
                onChange={(e) => setIdNumber(e.currentTarget.value)}
                error={errors.field('idNumber')}
                required
              />
              {notFound ? (
                <Alert color="yellow" data-testid="lookup-not-found">
                  Không tìm thấy hồ sơ với mã và số giấy tờ đã nhập. Vui lòng kiểm tra lại.
                </Alert>
              ) : (
                <FormAlert errors={errors} fields={['code', 'idNumber']} />
              )}
              <Button type="submit" loading={lookup.isPending}>
                Tra cứu
              </Button>
            </Stack>
          </form>
        </Paper>
        {found ? (
          <Paper withBorder p="md" data-testid="lookup-result">
            <Stack gap="xs">
              <Text fw={700}>Hồ sơ {found.code}</Text>
              <Text>{found.procedure.name}</Text>
              <Badge size="lg" color={statusColor(found.status)} data-testid="lookup-status">
                {found.statusLabel}
              </Badge>
              <SimpleGrid cols={2}>
                <div>
                  <Text size="xs" c="dimmed">
                    Ngày tiếp nhận
                  </Text>
                  <Text>{formatDateTime(found.receivedAt)}</Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    Hẹn trả kết quả
                  </Text>
                  <Text fw={600} data-testid="lookup-appointment">
                    {formatDateTime(found.appointmentAt)}
                  </Text>
                </div>
              </SimpleGrid>
              {found.currentStep ? (
                <Text size="sm">
                  Đang ở bước: {found.currentStep.name ?? '—'}
                  {found.currentStep.handledBy ? ` (${found.currentStep.handledBy})` : ''}
                </Text>
              ) : null}
              {found.pendingSupplement ? (
                <Alert color="orange" title="Cần bổ sung hồ sơ">
                  {found.pendingSupplement.reason}
                  <List size="sm">
                    {found.pendingSupplement.items.map((i) => (
                      <List.Item key={i}>{i}</List.Item>
                    ))}
                  </List>
                </Alert>
              ) : null}
              {found.resultReady && !found.returned ? (
                <Alert color="green">Đã có kết quả, mời ông/bà đến Bộ phận Một cửa để nhận.</Alert>
              ) : null}
              {found.returned ? (
                <Text size="sm">Đã trả kết quả {formatDateTime(found.returnedAt)}.</Text>
              ) : null}
              {found.result ? (
                <Group gap="xs">
                  <Button variant="light" onClick={() => download.mutate()} loading={download.isPending}>
                    Tải tệp kết quả ({found.result.fileName})
                  </Button>
                  <Button variant="subtle" onClick={() => check.mutate()} loading={check.isPending}>
                    Kiểm tra chữ ký số
                  </Button>
                </Group>
              ) : null}
              {check.data && found.result ? <SignatureReportView check={check.data} /> : null}
              <FormAlert errors={downloadErrors} />
              {found.rating ? (
                <Text size="sm" c="dimmed">
                  Ông/bà đã đánh giá: {found.rating.levelLabel}.
                </Text>
              ) : null}
            </Stack>
          </Paper>
        ) : null}
        {found?.canRate && proof ? (
          <RatingForm
            send={(body) => api('/public/rating', { anonymous: true, body: { ...proof, ...body } })}
            onRated={() => lookup.mutate(proof)}
          />
        ) : null}
        <FileSignatureCheck />
        <Anchor component={Link} to="/dang-nhap" size="sm">
          Cán bộ đăng nhập
        </Anchor>
      </Stack>
    </Center>
  );
}

/** Anyone may check the digital signatures of a result file they hold (`verifyResult` with a PDF). */
function FileSignatureCheck() {
  const [file, setFile] = useState<File | null>(null);
  const errors = useFormErrors();
  const check = useMutation({
    mutationFn: (pdf: File) => {
      const form = new FormData();
      form.append('file', pdf);
      return api<PublicSignatureCheck>('/public/verify-result', { anonymous: true, body: form });
    },
    onError: errors.setError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    check.reset();
    if (file) check.mutate(file);
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Title order={4}>Kiểm tra chữ ký số của tệp kết quả</Title>
          <FileInput
            label="Tệp kết quả (PDF, tối đa 20 MB)"
            accept="application/pdf"
            value={file}
            onChange={setFile}
            error={errors.field('file')}
            clearable
            required
          />
          <FormAlert errors={errors} fields={['file']} />
          <Button type="submit" variant="light" loading={check.isPending} disabled={!file}>
            Kiểm tra
          </Button>
          {check.data ? <SignatureReportView check={check.data} /> : null}
        </Stack>
      </form>
    </Paper>
  );
}
