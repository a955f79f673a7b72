/**
 * `/dvc/ho-so`: the citizen's dossiers, newest first — code, procedure, when submitted, status, appointment,
 * and what each waits for from the citizen. Cards rather than a table, so it reads on a phone.
 */
import { Alert, Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { statusColor } from '../lib/labels';
import { formatDateTime } from '../lib/time';
import { portal } from './api';
import { needsActionLabels } from './labels';
import { dossierPath } from './paths';
import type { PortalDossierItem } from './types';

function DossierCard({ item }: { item: PortalDossierItem }) {
  const action = item.needsAction ? needsActionLabels[item.needsAction] : null;
  return (
    <Card withBorder padding="md" component="li" data-testid="my-dossier" data-code={item.code}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Anchor component={Link} to={dossierPath(item.code)} fw={700} style={{ overflowWrap: 'anywhere' }}>
            {item.code}
          </Anchor>
          <Badge color={statusColor(item.nationalStatus)} variant="light">
            {item.statusLabel}
          </Badge>
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {item.procedureName}
        </Text>
        <Text size="xs" c="dimmed">
          Nộp lúc {formatDateTime(item.submittedAt)}
          {item.appointmentAt ? ` · hẹn trả ${formatDateTime(item.appointmentAt)}` : ''}
        </Text>
        {action ? (
          <Badge color={action.color} variant="filled" data-testid="needs-action">
            {action.label}
          </Badge>
        ) : null}
      </Stack>
    </Card>
  );
}

export function DossiersPage() {
  const list = useQuery({ queryKey: ['portal', 'citizen', 'dossiers'], queryFn: portal.dossiers });
  return (
    <Stack>
      <Title order={1} size="h2">
        Hồ sơ của tôi
      </Title>
      {list.isLoading ? <Loader aria-label="Đang tải hồ sơ" /> : null}
      {list.isError ? (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      ) : null}
      {list.data && list.data.items.length === 0 ? (
        <Text>
          Ông/bà chưa nộp hồ sơ trực tuyến nào.{' '}
          <Anchor component={Link} to="/dvc">
            Chọn thủ tục để nộp hồ sơ
          </Anchor>
          .
        </Text>
      ) : null}
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Danh sách hồ sơ">
        {(list.data?.items ?? []).map((item) => (
          <DossierCard key={item.code} item={item} />
        ))}
      </Stack>
    </Stack>
  );
}
