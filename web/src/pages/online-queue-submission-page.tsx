/**
 * One online submission for the receiver who checks it: the applicant, each component's file (opened in a
 * new tab), what happened so far, and the three decisions while it is pending. An acceptance goes on to
 * the received dossier.
 */
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, apiFile, enc, saveFile } from '../api/client';
import { useOfficer } from '../auth';
import { ApplicantPanel } from '../components/applicant-panel';
import { FormAlert, useFormErrors } from '../components/errors';
import { Info } from '../components/info';
import { useReceivingUnits } from '../components/use-receiving-units';
import { returnMethodLabels } from '../lib/labels';
import { TextTimeline } from '../portal/text-timeline';
import { formatDateTime } from '../lib/time';
import { DecisionDialog, decisionLabels } from './online-queue-decision';
import { onlineStatusLabels, type Decision, type OnlineSubmission } from './online-queue-types';

const decisions: { decision: Decision; color?: string }[] = [
  { decision: 'accept' },
  { decision: 'request-completion', color: 'orange' },
  { decision: 'refuse', color: 'red' },
];

/**
 * The file in a new tab: fetched with the officer's token (a plain link would go without it) and shown
 * from memory; downloaded instead when the browser blocks the new tab.
 */
function useOpenFile(code: string) {
  const errors = useFormErrors();
  const open = useMutation({
    mutationFn: async ({
      fileId,
      fileName,
      tab,
    }: {
      fileId: string;
      fileName: string;
      tab: Window | null;
    }) => {
      const file = await apiFile(`/online-submissions/${enc(code)}/files/${enc(fileId)}`, fileName);
      if (!tab) return saveFile(file);
      const url = URL.createObjectURL(file.blob);
      tab.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    onError: (error, { tab }) => {
      tab?.close();
      errors.setError(error);
    },
  });
  return {
    errors,
    open: (fileId: string, fileName: string) =>
      open.mutate({ fileId, fileName, tab: window.open('', '_blank') }),
  };
}

function Components({ submission }: { submission: OnlineSubmission }) {
  const file = useOpenFile(submission.code);
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        Thành phần hồ sơ
      </Title>
      <Table data-testid="online-components">
        <Table.Tbody>
          {submission.components.map((c) => (
            <Table.Tr key={`${c.code}-${c.fileId}`}>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => file.open(c.fileId, c.fileName)}
                >
                  {c.fileName} (mở trong thẻ mới)
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <FormAlert errors={file.errors} />
    </Paper>
  );
}

export function OnlineSubmissionPage() {
  const { code = '' } = useParams();
  const me = useOfficer();
  const units = useReceivingUnits();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [decision, setDecision] = useState<Decision | null>(null);
  const query = useQuery({
    queryKey: ['online-submission', code],
    queryFn: () => api<OnlineSubmission>(`/online-submissions/${enc(code)}`),
  });
  const s = query.data;
  const done = (answer: { code?: string } | undefined) => {
    const accepted = decision === 'accept';
    setDecision(null);
    void client.invalidateQueries({ queryKey: ['online-submissions'] });
    if (accepted) void navigate(`/ho-so/${enc(answer?.code ?? code)}`);
    else void client.invalidateQueries({ queryKey: ['online-submission', code] });
  };
  return (
    <Stack>
      <Anchor component={Link} to="/truc-tuyen" size="sm">
        ← Hồ sơ trực tuyến
      </Anchor>
      <Title order={2}>Hồ sơ trực tuyến {code}</Title>
      {query.isLoading ? <Loader /> : null}
      {query.isError ? <Alert color="red">{query.error.message}</Alert> : null}
      {s ? (
        <>
          <Group gap="sm">
            <Badge size="lg" data-testid="online-status">
              {onlineStatusLabels[s.status] ?? s.status}
            </Badge>
            {s.overdue && s.status === 'pending' ? <Badge color="red">Quá hạn kiểm tra</Badge> : null}
          </Group>
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Info label="Thủ tục">{s.procedureName}</Info>
              <Info label="Nơi tiếp nhận">{units.unitName(s.receivingUnit)}</Info>
              <Info label="Cách nhận kết quả">{returnMethodLabels[s.returnMethod] ?? s.returnMethod}</Info>
              <Info label="Nộp lúc">{formatDateTime(s.submittedAt)}</Info>
              <Info label="Hạn kiểm tra">{formatDateTime(s.checkBy)}</Info>
              {s.copies ? <Info label="Số bản sao">{s.copies}</Info> : null}
            </SimpleGrid>
          </Paper>
          <ApplicantPanel applicant={s.applicant} />
          <Components submission={s} />
          <Paper withBorder p="md">
            <Title order={4} mb="xs">
              Quá trình
            </Title>
            <TextTimeline items={s.history} testId="online-history" />
          </Paper>
          {s.status === 'pending' && me.role !== 'auditor' ? (
            <Group>
              {decisions.map((d) => (
                <Button
                  key={d.decision}
                  color={d.color}
                  onClick={() => setDecision(d.decision)}
                  data-testid={`decision-${d.decision}`}
                >
                  {decisionLabels[d.decision]}
                </Button>
              ))}
            </Group>
          ) : null}
          {decision ? (
            <DecisionDialog
              decision={decision}
              submission={s}
              onClose={() => setDecision(null)}
              onDone={done}
            />
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
