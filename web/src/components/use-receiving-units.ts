/**
 * Receiving units by name (`listReceivingUnits`): dossiers and the officer's own desk carry unit codes.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { type ReceivingUnit } from '../api/types';

export interface ReceivingUnits {
  /** Every unit of the tenant, open or closed (empty while the list loads). */
  units: ReceivingUnit[];
  /** The unit's name, or its code while the list loads. */
  unitName: (code: string) => string;
}

export function useReceivingUnits(): ReceivingUnits {
  const query = useQuery({
    queryKey: ['receiving-units'],
    queryFn: () => api<{ items: ReceivingUnit[] }>('/receiving-units'),
    staleTime: 30 * 60_000,
  });
  const units = query.data?.items ?? [];
  const names = new Map(units.map((u) => [u.code, u.name]));
  return { units, unitName: (code) => names.get(code) ?? code };
}
