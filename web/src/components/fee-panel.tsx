/** The fee of a dossier on its page. */
import { Anchor, Badge, Group, Paper, SimpleGrid, Title } from '@mantine/core';
import { type DossierView } from '../api/types';
import { formatMoney } from '../lib/labels';
import { formatDateTime } from '../lib/time';
import { Info } from './info';

const paymentMethodLabels: Record<string, string> = { online: 'trực tuyến', cash: 'tiền mặt tại quầy' };

/** The fee of the dossier: what is charged (per copy when it is), the reference, where to pay, whether paid. */
export function FeePanel({ payment }: { payment: NonNullable<DossierView['payment']> }) {
  const paid = payment.status === 'paid';
  return (
    <Paper withBorder p="md" data-testid="fee">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Phí, lệ phí</Title>
        <Badge color={paid ? 'green' : 'orange'} data-testid="fee-status">
          {paid
            ? `Đã thanh toán${payment.method ? ` (${paymentMethodLabels[payment.method] ?? ''})` : ''}`
            : 'Chưa thanh toán'}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Info label="Số tiền">
          <b>{formatMoney(payment.amount)}</b>
          {payment.copies && payment.unitAmount
            ? ` (${payment.copies} bản × ${formatMoney(payment.unitAmount)})`
            : ''}
        </Info>
        <Info label="Mã thanh toán">{payment.reference}</Info>
        {payment.note ? <Info label="Căn cứ thu">{payment.note}</Info> : null}
        {paid ? (
          <Info label="Thanh toán lúc">
            {formatDateTime(payment.paidAt)}
            {payment.transactionId ? ` · số giao dịch/biên lai ${payment.transactionId}` : ''}
          </Info>
        ) : payment.payUrl ? (
          <Info label="Thanh toán trực tuyến">
            <Anchor href={payment.payUrl} target="_blank" rel="noreferrer" data-testid="fee-link">
              Mở trang thanh toán
            </Anchor>
          </Info>
        ) : null}
      </SimpleGrid>
    </Paper>
  );
}
