import { z } from 'zod';
import { legalLimitLabel, type ProcedureDefinition } from '../../domain/procedure/procedure-definition.js';

const onlineLevelLabels = { full: 'Toàn trình', partial: 'Một phần', none: 'Không' } as const;

/** One procedure as the citizen portal lists it. */
export const procedureCardSchema = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  onlineLevel: z.enum(['full', 'partial', 'none']).describe('DVC trực tuyến (Decree 42/2022)'),
  onlineLevelLabel: z.string(),
  legalLimit: z.object({ amount: z.number(), unit: z.string(), text: z.string() }),
  fee: z.object({
    amount: z.number().int().describe('đồng'),
    per: z.enum(['dossier', 'copy']),
    note: z.string().nullable(),
    text: z.string(),
  }),
  resultKind: z.string(),
  resultName: z.string(),
  components: z.array(
    z.object({ code: z.string(), name: z.string(), required: z.boolean(), copyForm: z.string().nullable() }),
  ),
});
export type ProcedureCard = z.output<typeof procedureCardSchema>;

/** "Miễn phí", "50.000 đồng", "10.000 đồng/bản sao". */
function feeText(fee: ProcedureDefinition['fee']): string {
  if (fee.amount === 0) return 'Miễn phí';
  return `${fee.amount.toLocaleString('vi-VN')} đồng${fee.per === 'copy' ? '/bản sao' : ''}`;
}

/** The card of a procedure version. */
export function procedureCard(code: string, def: ProcedureDefinition): ProcedureCard {
  return {
    code,
    name: def.name,
    field: def.field,
    onlineLevel: def.onlineLevel,
    onlineLevelLabel: onlineLevelLabels[def.onlineLevel],
    legalLimit: { ...def.legalLimit, text: legalLimitLabel(def.legalLimit) },
    fee: {
      amount: def.fee.amount,
      per: def.fee.per ?? 'dossier',
      note: def.fee.note ?? null,
      text: feeText(def.fee),
    },
    resultKind: def.resultKind,
    resultName: def.resultName,
    components: def.components.map((c) => ({
      code: c.code,
      name: c.name,
      required: c.required,
      copyForm: c.copyForm ?? null,
    })),
  };
}
