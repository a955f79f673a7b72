/**
 * `/dvc`: the procedures the Sở receives (current versions, by name), searchable by name, code or field;
 * each card shows its online level, legal limit, fee and result, with a link to its details.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { portal } from './api';
import { onlineLevelColors } from './labels';
import { searchable } from './text';
import type { ProcedureCard } from './types';

export const procedureQueryKey = (code: string) => ['portal', 'procedure', code] as const;

export function OnlineLevelBadge({ procedure }: { procedure: ProcedureCard }) {
  return (
    <Badge color={onlineLevelColors[procedure.onlineLevel]} variant="light" data-testid="online-level">
      Dịch vụ công trực tuyến: {procedure.onlineLevelLabel}
    </Badge>
  );
}

function ProcedureCardView({ procedure }: { procedure: ProcedureCard }) {
  const headingId = `thu-tuc-${procedure.code}`;
  return (
    <Card
      withBorder
      padding="md"
      component="article"
      aria-labelledby={headingId}
      data-testid="procedure-card"
    >
      <Stack gap={6}>
        <Title order={2} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
          {procedure.name}
        </Title>
        <Group gap="xs">
          <OnlineLevelBadge procedure={procedure} />
          <Text size="xs" c="dimmed">
            {procedure.code}
          </Text>
        </Group>
        <Text size="sm">
          <strong>Thời hạn giải quyết:</strong> {procedure.legalLimit.text}
        </Text>
        <Text size="sm">
          <strong>Phí, lệ phí:</strong> {procedure.fee.text}
        </Text>
        <Text size="sm">
          <strong>Kết quả:</strong> {procedure.resultName}
        </Text>
        <Anchor component={Link} to={`/dvc/thu-tuc/${encodeURIComponent(procedure.code)}`} fw={600}>
          Xem chi tiết<VisuallyHidden component="span"> thủ tục {procedure.name}</VisuallyHidden>
        </Anchor>
      </Stack>
    </Card>
  );
}

export function ProceduresPage() {
  const [search, setSearch] = useState('');
  const term = searchable(useDeferredValue(search).trim());
  const list = useQuery({
    queryKey: ['portal', 'procedures'],
    queryFn: portal.procedures,
    staleTime: 5 * 60_000,
  });
  const shown = useMemo(
    () => (list.data?.items ?? []).filter((p) => searchable(`${p.name} ${p.code} ${p.field}`).includes(term)),
    [list.data, term],
  );
  return (
    <Stack>
      <Title order={1} size="h2">
        Thủ tục hành chính
      </Title>
      <Text c="dimmed">Chọn thủ tục để xem thành phần hồ sơ, thời hạn, phí và nộp hồ sơ trực tuyến.</Text>
      <TextInput
        label="Tìm thủ tục"
        placeholder="Tên, mã hoặc lĩnh vực của thủ tục"
        type="search"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      {list.isLoading ? <Loader aria-label="Đang tải danh sách thủ tục" /> : null}
      {list.isError ? (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      ) : null}
      {list.data ? (
        <Text size="sm" aria-live="polite" data-testid="procedure-count">
          {shown.length} thủ tục
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {shown.map((p) => (
          <ProcedureCardView key={p.code} procedure={p} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
