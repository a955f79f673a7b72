/**
 * Public lookup for applicants (`lookupDossier`, no login): dossier code + ID number. `?ma=<code>`
 * prefills the code (the link printed on the receipt slip). A wrong pair reveals nothing but "not found".
 */
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Paper,
  Rating,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, newIdempotencyKey } from '../api/client';
import { FormAlert, useFormErrors } from '../components/errors';
import { statusColor, statusLabels } from '../lib/labels';
import { formatDateTime } from '../lib/time';

/** What the lookup answers (read defensively: the public contract of issue 8). */
interface LookupAnswer {
  code: string;
  procedureName?: string;
  status: number;
  statusLabel?: string;
  receivedAt?: string;
  appointmentAt?: string;
  resultReady?: boolean;
  returned?: boolean;
  resultFileUrl?: string | null;
  result?: { url?: string; fileName?: string } | null;
  rated?: boolean;
}

function RatingForm({ code, idNumber }: { code: string; idNumber: string }) {
  const [score, setScore] = useState(5);
  const [comment, setComment] = useState('');
  const [key] = useState(newIdempotencyKey);
  const errors = useFormErrors();
  const rate = useMutation({
    mutationFn: () =>
      api('/public/rating', {
        anonymous: true,
        idempotencyKey: key,
        body: { code, idNumber, score, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      }),
    onError: errors.setError,
  });
  if (rate.isSuccess) return <Alert color="green">Cảm ơn ông/bà đã đánh giá.</Alert>;
  return (
    <Paper withBorder p="md">
      <Title order={4}>Đánh giá mức độ hài lòng</Title>
      <Rating value={score} onChange={setScore} size="lg" my="xs" />
      <Textarea
        label="Góp ý (không bắt buộc)"
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={errors.field('comment')}
      />
      <FormAlert errors={errors} fields={['comment']} />
      <Button mt="sm" onClick={() => rate.mutate()} loading={rate.isPending} disabled={rate.isPending}>
        Gửi đánh giá
      </Button>
    </Paper>
  );
}

export function LookupPage() {
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [idNumber, setIdNumber] = useState('');
  const errors = useFormErrors();
  const lookup = useMutation({
    mutationFn: () =>
      api<LookupAnswer>('/public/lookup', {
        anonymous: true,
        body: { code: code.trim(), idNumber: idNumber.trim() },
      }),
    onError: errors.setError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (lookup.isPending) return;
    errors.clear();
    lookup.mutate();
  };
  const found = lookup.data;
  const notFound = errors.error?.status === 404;
  const resultUrl = found?.resultFileUrl ?? found?.result?.url;
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w={560}>
        <Title order={2}>Tra cứu hồ sơ thủ tục hành chính</Title>
        <Text c="dimmed">
          Sở Giáo dục và Đào tạo – nhập mã hồ sơ trên giấy hẹn và số giấy tờ tùy thân của người nộp.
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
              {found.procedureName ? <Text>{found.procedureName}</Text> : null}
              <Badge size="lg" color={statusColor(found.status)}>
                {found.statusLabel ?? statusLabels[found.status]}
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
                  <Text fw={600}>{formatDateTime(found.appointmentAt)}</Text>
                </div>
              </SimpleGrid>
              {found.resultReady ? <Alert color="green">Đã có kết quả, mời ông/bà đến nhận.</Alert> : null}
              {resultUrl ? (
                <Anchor href={resultUrl} target="_blank" rel="noreferrer">
                  Tải tệp kết quả
                </Anchor>
              ) : null}
            </Stack>
          </Paper>
        ) : null}
        {found && (found.status === 10 || found.returned) && !found.rated ? (
          <RatingForm code={found.code} idNumber={idNumber.trim()} />
        ) : null}
        <Anchor component={Link} to="/dang-nhap" size="sm">
          Cán bộ đăng nhập
        </Anchor>
      </Stack>
    </Center>
  );
}
