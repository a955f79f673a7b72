/**
 * The chosen procedure at receipt: its checklist of components to tick, and the appointment the calendar
 * would give if the dossier were received now (the API counts it; refreshed every minute).
 */
import { Badge, Checkbox, Grid, List, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { type DeadlineAnswer, type ProcedureDefinition } from '../../api/types';
import { type FormErrors } from '../../components/errors';
import { formatMoney } from '../../lib/labels';
import { formatDate, formatDateTime, toVnIso } from '../../lib/time';

const limitUnits: Record<string, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
  same_day: 'trong ngày (sau 15 giờ chuyển ngày làm việc tiếp theo)',
};

export function ProcedureSection({
  definition,
  tenant,
  components,
  onComponents,
  copies,
  onCopies,
  errors,
}: {
  definition: ProcedureDefinition;
  tenant: string;
  components: string[];
  onComponents: (components: string[]) => void;
  /** Copies asked for, shown when the fee is per copy. */
  copies: number;
  onCopies: (copies: number) => void;
  errors: FormErrors;
}) {
  const perCopy = definition.fee.per === 'copy';
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            Thành phần hồ sơ
          </Title>
          <Checkbox.Group value={components} onChange={onComponents} error={errors.field('components')}>
            <Stack gap="xs">
              {definition.components.map((c) => (
                <Checkbox
                  key={c.code}
                  value={c.code}
                  label={
                    <>
                      {c.name}{' '}
                      {c.required ? (
                        <Badge size="xs" color="red" variant="light">
                          bắt buộc
                        </Badge>
                      ) : (
                        <Badge size="xs" color="gray" variant="light">
                          nếu có
                        </Badge>
                      )}
                    </>
                  }
                />
              ))}
            </Stack>
          </Checkbox.Group>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        {perCopy ? (
          <NumberInput
            mb="md"
            label="Số bản sao yêu cầu"
            description={`${formatMoney(definition.fee.amount)}/bản; tổng ${formatMoney(definition.fee.amount * copies)}`}
            min={1}
            max={100}
            allowDecimal={false}
            value={copies}
            onChange={(v) => onCopies(typeof v === 'number' ? v : 1)}
            error={errors.field('copies')}
            data-testid="copies"
          />
        ) : null}
        <AppointmentPreview definition={definition} tenant={tenant} />
      </Grid.Col>
    </Grid>
  );
}

function AppointmentPreview({ definition, tenant }: { definition: ProcedureDefinition; tenant: string }) {
  const { legalLimit, fee } = definition;
  const appointment = useQuery({
    queryKey: ['appointment', legalLimit.amount, legalLimit.unit, tenant],
    queryFn: () =>
      api<DeadlineAnswer>('/deadlines', {
        anonymous: true,
        body: { from: toVnIso(Date.now()), amount: legalLimit.amount, unit: legalLimit.unit, tenant },
      }),
    refetchInterval: 60_000,
  });
  return (
    <Paper withBorder p="md" data-testid="appointment-preview">
      <Title order={4} mb="xs">
        Thời hạn giải quyết
      </Title>
      <Text>
        {legalLimit.unit === 'same_day'
          ? 'Trong ngày'
          : `${legalLimit.amount} ${limitUnits[legalLimit.unit]}`}
      </Text>
      <Text size="sm" c="dimmed">
        Phí, lệ phí: {fee.amount > 0 ? formatMoney(fee.amount) : 'không'}
      </Text>
      <Text mt="sm">Nếu tiếp nhận bây giờ, hẹn trả kết quả:</Text>
      <Text fw={700} size="lg" data-testid="appointment">
        {appointment.data ? formatDateTime(appointment.data.deadline) : '…'}
      </Text>
      {appointment.data?.explanation.length ? (
        <List size="xs" mt="xs">
          {appointment.data.explanation.map((e) => (
            <List.Item key={e.date + e.reason}>
              {formatDate(e.date)}: {e.reason}
            </List.Item>
          ))}
        </List>
      ) : null}
      {appointment.isError ? <Text c="red">{appointment.error.message}</Text> : null}
    </Paper>
  );
}
