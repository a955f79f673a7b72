/**
 * `/dvc/thu-tuc/:code`: one procedure — its components (required ones marked), limit, fee, where it is
 * received, and the way to submit online (through the VNeID sign-in first when nobody is signed in).
 */
import {
  Alert,
  Anchor,
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
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Info } from '../components/info';
import { returnMethodLabels } from '../lib/labels';
import { portal, portalLinks } from './api';
import { OnlineLevelBadge, procedureQueryKey } from './procedures-page';
import { useCitizen } from './session';
import type { ProcedureDetail } from './types';

function SubmitButton({ procedure }: { procedure: ProcedureDetail }) {
  const { citizen } = useCitizen();
  if (procedure.onlineLevel === 'none') {
    return (
      <Alert color="gray">
        Thủ tục này chưa được cung cấp trực tuyến; mời ông/bà nộp hồ sơ tại Bộ phận Một cửa.
      </Alert>
    );
  }
  const wizard = `/dvc/nop-ho-so/${encodeURIComponent(procedure.code)}`;
  // Signing in leaves the page for the identity provider: a plain link, not a client route.
  return citizen ? (
    <Button component={Link} to={wizard} size="md" data-testid="submit-online">
      Nộp hồ sơ trực tuyến
    </Button>
  ) : (
    <Stack gap={4} align="flex-start">
      <Button component="a" href={portalLinks.login(wizard)} size="md" data-testid="submit-online">
        Nộp hồ sơ trực tuyến
      </Button>
      <Text size="sm" c="dimmed">
        Ông/bà sẽ đăng nhập bằng tài khoản định danh điện tử VNeID trước khi nộp hồ sơ.
      </Text>
    </Stack>
  );
}

export function ProcedurePage() {
  const { code = '' } = useParams();
  const query = useQuery({ queryKey: procedureQueryKey(code), queryFn: () => portal.procedure(code) });
  if (query.isLoading) return <Loader aria-label="Đang tải thủ tục" />;
  if (query.isError) {
    return (
      <Stack>
        <Alert color="red" role="alert" title="Không xem được thủ tục">
          {query.error.message}
        </Alert>
        <Anchor component={Link} to="/dvc">
          Về danh sách thủ tục
        </Anchor>
      </Stack>
    );
  }
  const p = query.data!;
  return (
    <Stack>
      <Anchor component={Link} to="/dvc" size="sm">
        ← Danh sách thủ tục
      </Anchor>
      <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
        {p.name}
      </Title>
      <Group gap="xs">
        <OnlineLevelBadge procedure={p} />
        <Text size="sm" c="dimmed">
          Mã thủ tục {p.code} · Lĩnh vực {p.field}
        </Text>
      </Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Info label="Thời hạn giải quyết">{p.legalLimit.text}</Info>
          <Info label="Phí, lệ phí">
            {p.fee.text}
            {p.fee.note ? ` (${p.fee.note})` : ''}
          </Info>
          <Info label="Kết quả">{p.resultName}</Info>
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          Thành phần hồ sơ
        </Title>
        <List spacing={4} data-testid="procedure-components">
          {p.components.map((c) => (
            <List.Item key={c.code}>
              {c.name}{' '}
              {c.required ? (
                <Text span c="red.8" fw={600}>
                  (bắt buộc)
                </Text>
              ) : (
                <Text span c="dimmed">
                  (nếu có)
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          Nơi tiếp nhận và trả kết quả
        </Title>
        <List spacing={4}>
          {p.receivingUnits.map((u) => (
            <List.Item key={u.code}>{u.name}</List.Item>
          ))}
        </List>
        <Text size="sm" mt="xs">
          Cách nhận kết quả: {p.returnMethods.map((m) => returnMethodLabels[m].toLowerCase()).join('; ')}.
        </Text>
      </Paper>
      <SubmitButton procedure={p} />
    </Stack>
  );
}
