/** Step 3 of the wizard: where the dossier is received, how the result comes back, and copies asked for. */
import { NumberInput, Radio, Stack } from '@mantine/core';
import { type FormErrors } from '../../components/errors';
import { returnMethodLabels } from '../../lib/labels';
import type { ProcedureDetail } from '../types';
import type { WizardForm } from '../wizard-form';

export const deliveryStepFields = ['receivingUnit', 'returnMethod', 'copies'];

export function DeliveryStep({
  form,
  procedure,
  onChange,
  errors,
}: {
  form: WizardForm;
  procedure: ProcedureDetail;
  onChange: (patch: Partial<WizardForm>) => void;
  errors: FormErrors;
}) {
  return (
    <Stack>
      <Radio.Group
        label="Nơi tiếp nhận hồ sơ"
        value={form.receivingUnit}
        onChange={(receivingUnit) => onChange({ receivingUnit })}
        error={errors.field('receivingUnit')}
        required
      >
        <Stack gap="xs" mt="xs">
          {procedure.receivingUnits.map((u) => (
            <Radio key={u.code} value={u.code} label={u.name} />
          ))}
        </Stack>
      </Radio.Group>
      <Radio.Group
        label="Cách nhận kết quả"
        value={form.returnMethod}
        onChange={(method) => onChange({ returnMethod: method })}
        error={errors.field('returnMethod')}
        required
      >
        <Stack gap="xs" mt="xs">
          {procedure.returnMethods.map((m) => (
            <Radio key={m} value={m} label={returnMethodLabels[m]} />
          ))}
        </Stack>
      </Radio.Group>
      {procedure.asksCopies ? (
        <NumberInput
          label="Số bản sao đề nghị cấp"
          description={`Phí: ${procedure.fee.text}`}
          min={1}
          max={100}
          allowDecimal={false}
          allowNegative={false}
          value={form.copies}
          onChange={(v) => onChange({ copies: typeof v === 'number' ? v : Number(v) || 1 })}
          error={errors.field('copies')}
          required
          w={{ base: '100%', sm: 240 }}
        />
      ) : null}
    </Stack>
  );
}
