/**
 * Where the applicant takes the result (Decree 118/2025): at the counter of an open receiving unit (by
 * default the officer's own), by post to their address, or online (which needs their e-mail address).
 */
import { Paper, Radio, Select, Stack, Text, Title } from '@mantine/core';
import { type ReceivingUnit, type ReturnMethod } from '../../api/types';
import { type FormErrors } from '../../components/errors';
import { receivingUnitKindLabels, returnMethodLabels } from '../../lib/labels';
import { type ApplicantForm, type ReturnForm } from '../../lib/receipt-form';

/** The API's names of the fields this section shows (`body.` stripped), for the form's error alert. */
export const returnFields = ['returnTo', 'returnTo.method', 'returnTo.unit'];

/** Open units for a Select, grouped by kind (the Sở's desk, the Centre, its branches, commune points). */
function unitOptions(units: ReceivingUnit[]) {
  const kinds = Object.keys(receivingUnitKindLabels) as ReceivingUnit['kind'][];
  return kinds
    .map((kind) => ({
      group: receivingUnitKindLabels[kind],
      items: units.filter((u) => u.active && u.kind === kind).map((u) => ({ value: u.code, label: u.name })),
    }))
    .filter((g) => g.items.length > 0);
}

const returnMethods = Object.keys(returnMethodLabels) as ReturnMethod[];

export function ReturnSection({
  returnTo,
  applicant,
  units,
  onChange,
  errors,
}: {
  returnTo: ReturnForm;
  applicant: Pick<ApplicantForm, 'address' | 'email'>;
  units: ReceivingUnit[];
  onChange: (returnTo: ReturnForm) => void;
  errors: FormErrors;
}) {
  const change = (next: ReturnForm) => {
    onChange(next);
    if (returnFields.some((f) => errors.field(f))) errors.clear();
  };
  return (
    <Paper withBorder p="md" data-testid="return-section">
      <Title order={4} mb="xs">
        Nơi nhận kết quả
      </Title>
      <Stack gap="xs">
        <Radio.Group
          value={returnTo.method}
          onChange={(v) => change({ ...returnTo, method: returnMethods.find((m) => m === v) ?? 'counter' })}
          error={errors.field('returnTo.method') ?? errors.field('returnTo')}
        >
          <Stack gap="xs">
            {returnMethods.map((m) => (
              <Radio key={m} value={m} label={returnMethodLabels[m]} />
            ))}
          </Stack>
        </Radio.Group>
        {returnTo.method === 'counter' ? (
          <Select
            label="Quầy trả kết quả"
            placeholder="Nơi tiếp nhận hồ sơ"
            searchable
            data={unitOptions(units)}
            value={returnTo.unit}
            onChange={(unit) => change({ ...returnTo, unit })}
            error={errors.field('returnTo.unit')}
            nothingFoundMessage="Không có nơi tiếp nhận phù hợp"
          />
        ) : null}
        {returnTo.method === 'post' ? (
          <Text size="sm" data-testid="return-address">
            Gửi đến: {applicant.address.trim() || 'địa chỉ của người nộp (chưa nhập)'}
          </Text>
        ) : null}
        {returnTo.method === 'online' && !applicant.email.trim() ? (
          <Text size="sm" c="orange">
            Cần nhập thư điện tử của người nộp để trả kết quả trực tuyến.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
