import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of dossier workflows. They are stored in plain text by Temporal's
 * visibility store, so they never carry personal data (no names, ID numbers, addresses).
 */
export const DossierStatus = defineSearchAttributeKey('DossierStatus', SearchAttributeType.KEYWORD);
export const DossierState = defineSearchAttributeKey('DossierState', SearchAttributeType.KEYWORD);
export const DossierStep = defineSearchAttributeKey('DossierStep', SearchAttributeType.KEYWORD);
export const DossierDivision = defineSearchAttributeKey('DossierDivision', SearchAttributeType.KEYWORD);
export const DossierProcedure = defineSearchAttributeKey('DossierProcedure', SearchAttributeType.KEYWORD);
export const DossierTenant = defineSearchAttributeKey('DossierTenant', SearchAttributeType.KEYWORD);
export const DossierAppointment = defineSearchAttributeKey(
  'DossierAppointment',
  SearchAttributeType.DATETIME,
);
export const DossierStepDeadline = defineSearchAttributeKey(
  'DossierStepDeadline',
  SearchAttributeType.DATETIME,
);
export const DossierOverdue = defineSearchAttributeKey('DossierOverdue', SearchAttributeType.BOOL);

/** Every custom search attribute the project registers on its namespace (dev server, tests, production). */
export const allSearchAttributes = [
  DossierStatus,
  DossierState,
  DossierStep,
  DossierDivision,
  DossierProcedure,
  DossierTenant,
  DossierAppointment,
  DossierStepDeadline,
  DossierOverdue,
] as const;
