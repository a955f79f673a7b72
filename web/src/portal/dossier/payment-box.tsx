/**
 * The fee of the dossier: amount and status, and online payment through the payment gateway (the browser
 * leaves for the gateway's pay link and comes back with `?thanh-toan=`).
 */
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormAlert, useFormErrors } from '../../components/errors';
import { useSingleFlight } from '../../components/use-single-flight';
import { formatMoney } from '../../lib/labels';
import { portal } from '../api';
import type { PortalDossier } from '../types';

export function PaymentBox({
  code,
  payment,
}: {
  code: string;
  payment: NonNullable<PortalDossier['payment']>;
}) {
  const errors = useFormErrors();
  const once = useSingleFlight();
  const pay = useMutation({
    mutationFn: () => portal.pay(code),
    onSuccess: ({ payUrl }) => window.location.assign(payUrl),
    onError: errors.setError,
  });
  const paid = payment.status === 'paid';
  return (
    <Paper withBorder p="md" data-testid="payment-box">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Phí, lệ phí
        </Title>
        <Group gap="sm">
          <Text fw={700} data-testid="payment-amount">
            {formatMoney(payment.amount)}
          </Text>
          <Badge color={paid ? 'teal' : 'orange'} data-testid="payment-status">
            {paid ? 'Đã thanh toán' : 'Chưa thanh toán'}
          </Badge>
        </Group>
        {!paid && payment.payable ? (
          <Button
            onClick={() => {
              errors.clear();
              once(() => pay.mutateAsync());
            }}
            loading={pay.isPending || pay.isSuccess}
            data-testid="pay-online"
            style={{ alignSelf: 'flex-start' }}
          >
            Thanh toán trực tuyến
          </Button>
        ) : null}
        <FormAlert errors={errors} />
      </Stack>
    </Paper>
  );
}
