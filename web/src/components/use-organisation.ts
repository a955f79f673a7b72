/**
 * People, divisions and steps by name (lists carry usernames, division codes and step ids):
 * `listOfficers`, `listDivisions`, `getProcedure`.
 */
import { useQuery } from '@tanstack/react-query';
import { api, enc } from '../api/client';
import {
  type Division,
  type OfficerSummary,
  type ProcedureDefinition,
  type ProcedureVersion,
} from '../api/types';

export interface Organisation {
  /** The officer's full name, or the username while the list loads. */
  officerName: (username: string) => string;
  /** The division's name, or its code while the list loads. */
  divisionName: (code: string) => string;
}

export function useOrganisation(): Organisation {
  const officers = useQuery({
    queryKey: ['officers'],
    queryFn: () => api<{ items: OfficerSummary[] }>('/officers'),
    staleTime: 30 * 60_000,
  });
  const divisions = useQuery({
    queryKey: ['divisions'],
    queryFn: () => api<{ items: Division[] }>('/divisions'),
    staleTime: 30 * 60_000,
  });
  const names = new Map((officers.data?.items ?? []).map((o) => [o.username, o.fullName]));
  const divisionNames = new Map((divisions.data?.items ?? []).map((d) => [d.code, d.name]));
  return {
    officerName: (username) => names.get(username) ?? username,
    divisionName: (code) => divisionNames.get(code) ?? code,
  };
}

/** The definition of the procedure version a dossier follows (step names, divisions, roles). */
export function useProcedureDefinition(
  procedure: { code: string; version: number } | undefined,
): ProcedureDefinition | undefined {
  const query = useQuery({
    queryKey: ['procedure', procedure?.code, procedure?.version],
    queryFn: () => api<ProcedureVersion>(`/procedures/${enc(procedure!.code)}?version=${procedure!.version}`),
    enabled: procedure !== undefined,
    staleTime: 30 * 60_000,
  });
  return query.data?.definition;
}
