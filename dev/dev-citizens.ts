/**
 * Citizens of the local identity provider (dev/oidc-provider.ts) and of the tests' portal sessions
 * (test/support/citizen.ts). Personal IDs are 12 digits with real province prefixes (036 Nam Định, 037 Ninh
 * Bình); every one of them logs in with {@link DEV_CITIZEN_PASSWORD}. Never used in production.
 */

/** A person the dev provider can vouch for, as its ID token says. */
export interface DevCitizen {
  /** The personal identification number; absent (or malformed) to play a provider that fails to give one. */
  personalId?: string;
  fullName: string;
  email: string | null;
  /** National form (0…); the provider gives it as E.164 (+84…), as OIDC recommends. */
  phone: string | null;
}

/** Password of every dev citizen at the dev provider (the portal never sees or stores it). */
export const DEV_CITIZEN_PASSWORD = 'motcua';

export const devCitizens = {
  an: {
    personalId: '036090001234',
    fullName: 'Nguyễn Văn An',
    email: 'an.nguyen@example.vn',
    phone: '0912345678',
  },
  binh: {
    personalId: '037185004321',
    fullName: 'Trần Thị Bình',
    email: 'binh.tran@example.vn',
    phone: '0987654321',
  },
  cuong: {
    personalId: '037201009876',
    fullName: 'Lê Minh Cường',
    email: null,
    phone: null,
  },
} as const satisfies Record<string, DevCitizen>;
