/**
 * The logged-in officer: token in sessionStorage (30-minute JWT, refreshed while the officer works), officer
 * from `GET /auth/me`.
 */
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Center, Loader } from '@mantine/core';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, session } from './api/client';
import { type Officer } from './api/types';

const OfficerContext = createContext<Officer | null>(null);

/** The officer of the page (inside {@link RequireOfficer}). */
export function useOfficer(): Officer {
  const officer = useContext(OfficerContext);
  if (!officer) throw new Error('useOfficer outside RequireOfficer');
  return officer;
}

/** Renders its children for a logged-in officer; otherwise goes to the login page and back after. */
export function RequireOfficer({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const token = session.token();
  // The officer works: keep the session alive (see session.keepAlive).
  useEffect(() => {
    const active = () => session.keepAlive();
    window.addEventListener('keydown', active, { passive: true });
    window.addEventListener('pointerdown', active, { passive: true });
    return () => {
      window.removeEventListener('keydown', active);
      window.removeEventListener('pointerdown', active);
    };
  }, []);
  useEffect(() => {
    session.onUnauthenticated(() => {
      session.clear();
      client.clear();
      void navigate(`/dang-nhap?sau=${encodeURIComponent(location.pathname + location.search)}`);
    });
  }, [client, navigate, location.pathname, location.search]);
  const me = useQuery({
    queryKey: ['me', token],
    queryFn: () => api<Officer>('/auth/me'),
    enabled: token !== null,
    staleTime: 5 * 60_000,
  });
  if (!token) {
    return (
      <Navigate to={`/dang-nhap?sau=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  }
  if (me.isError) {
    return (
      <Navigate to={`/dang-nhap?sau=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  }
  if (!me.data) {
    return (
      <Center h="60vh">
        <Loader aria-label="Đang tải" />
      </Center>
    );
  }
  return <OfficerContext.Provider value={me.data}>{children}</OfficerContext.Provider>;
}
