/** Step 4 of the wizard: everything the citizen is about to submit, to read once more. */
import { List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Info } from '../../components/info';
import { returnMethodLabels } from '../../lib/labels';
import { formatSize } from '../text';
import type { Citizen, ProcedureDetail } from '../types';
import type { WizardForm } from '../wizard-form';

export function ReviewStep({
  form,
  citizen,
  procedure,
}: {
  form: WizardForm;
  citizen: Citizen;
  procedure: ProcedureDetail;
}) {
  const organisation = form.kind === 'organisation';
  const unit = procedure.receivingUnits.find((u) => u.code === form.receivingUnit);
  return (
    <Stack data-testid="review">
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          Người nộp hồ sơ
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {organisation ? (
            <>
              <Info label="Tổ chức">{form.organisation.name || '—'}</Info>
              <Info label="Mã số thuế">{form.organisation.taxCode || '—'}</Info>
              <Info label="Người đại diện">{`${citizen.fullName} · ${citizen.personalId}`}</Info>
              <Info label="Văn bản ủy quyền">{form.organisation.document || '—'}</Info>
            </>
          ) : (
            <>
              <Info label="Họ và tên">{citizen.fullName}</Info>
              <Info label="Số định danh cá nhân">{citizen.personalId}</Info>
            </>
          )}
          <Info label="Địa chỉ">{form.address || '—'}</Info>
          <Info label="Số điện thoại">{form.phone || '—'}</Info>
          <Info label="Thư điện tử">{form.email || '—'}</Info>
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          Giấy tờ đã tải lên
        </Title>
        <List spacing={4}>
          {procedure.components.map((c) => {
            const upload = form.uploads[c.code];
            return (
              <List.Item key={c.code}>
                {c.name}:{' '}
                {upload ? (
                  `${upload.name} (${formatSize(upload.size)})`
                ) : (
                  <Text span c={c.required ? 'red.8' : 'dimmed'}>
                    {c.required ? 'chưa tải lên (bắt buộc)' : 'không nộp'}
                  </Text>
                )}
              </List.Item>
            );
          })}
        </List>
      </Paper>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Info label="Nơi tiếp nhận">{unit?.name ?? '—'}</Info>
          <Info label="Cách nhận kết quả">
            {form.returnMethod ? returnMethodLabels[form.returnMethod] : '—'}
          </Info>
          {procedure.asksCopies ? <Info label="Số bản sao">{form.copies}</Info> : null}
          <Info label="Phí, lệ phí">{procedure.fee.text}</Info>
          <Info label="Thời hạn giải quyết">{procedure.legalLimit.text}</Info>
        </SimpleGrid>
      </Paper>
      <Text size="sm">
        Ông/bà cam đoan các thông tin và giấy tờ trên là đúng sự thật. Thời hạn giải quyết được tính từ khi Bộ
        phận Một cửa tiếp nhận hồ sơ.
      </Text>
    </Stack>
  );
}
