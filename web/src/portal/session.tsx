/**
 * The signed-in citizen (`GET /portal/me`, the session cookie): who the header names, and the guard of the
 * pages that need them. A 401 of any citizen's call sends them to `/dvc/dang-nhap` and back after.
 */
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { Alert, Center, Loader } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { isSignedOut, me, onPortalUnauthenticated } from './api';
import { signInPath } from './paths';
import type { Citizen } from './types';

export const CITIZEN_QUERY = ['portal', 'me'] as const;

/** The citizen, null when nobody is signed in, undefined while it is asked. */
export function useCitizen(): { citizen: Citizen | null | undefined; error: unknown } {
  const query = useQuery({
    queryKey: CITIZEN_QUERY,
    queryFn: async () => {
      try {
        return await me();
      } catch (error) {
        if (isSignedOut(error)) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
  return { citizen: query.data, error: query.error };
}

/** Sends the citizen to the sign-in page when a call of theirs answers 401 (the session ended). */
export function useSignInOnExpiry(): void {
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  useEffect(() => {
    onPortalUnauthenticated(() => {
      client.setQueryData(CITIZEN_QUERY, null);
      void navigate(signInPath(location.pathname + location.search), { replace: true });
    });
    return () => onPortalUnauthenticated(undefined);
  }, [client, navigate, location.pathname, location.search]);
}

const CitizenContext = createContext<Citizen | null>(null);

export function useSignedInCitizen(): Citizen {
  const citizen = useContext(CitizenContext);
  if (!citizen) throw new Error('useSignedInCitizen outside RequireCitizen');
  return citizen;
}

/** Its children for a signed-in citizen; otherwise the sign-in page, and back here after. */
export function RequireCitizen({ children }: { children: ReactNode }) {
  const location = useLocation();
  const { citizen, error } = useCitizen();
  if (citizen === null) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  if (citizen === undefined) {
    return (
      <Center h="50vh">
        {error instanceof Error ? (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        ) : (
          <Loader aria-label="Đang tải" />
        )}
      </Center>
    );
  }
  return <CitizenContext.Provider value={citizen}>{children}</CitizenContext.Provider>;
}
