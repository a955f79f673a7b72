/**
 * The citizen portal's frame (no officer menu): the portal's name, the citizen's name and sign-out (or
 * the sign-in button), links to the procedures and the citizen's dossiers, the page. Mobile first: the
 * header wraps on a narrow screen.
 */
import { type ReactNode } from 'react';
import { Anchor, Box, Button, Container, Group, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import { portal } from './api';
import { PORTAL_TITLE } from './labels';
import { signInPath } from './paths';
import { CITIZEN_QUERY, useCitizen, useSignInOnExpiry } from './session';

const MAIN_ID = 'noi-dung-chinh';

function CitizenBox() {
  const { citizen } = useCitizen();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const logout = useMutation({
    mutationFn: () => portal.logout(),
    onSettled: (answer) => {
      client.setQueryData(CITIZEN_QUERY, null);
      client.removeQueries({ queryKey: ['portal', 'citizen'] });
      if (answer?.endSessionUrl) window.location.assign(answer.endSessionUrl);
      else void navigate('/dvc');
    },
  });
  if (citizen === undefined) return null;
  if (citizen === null) {
    const here = location.pathname.startsWith('/dvc/dang-nhap')
      ? '/dvc/ho-so'
      : location.pathname + location.search;
    return (
      <Button component={Link} to={signInPath(here)} variant="white" size="sm">
        Đăng nhập
      </Button>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Text c="white" fw={600} size="sm" data-testid="citizen-name" lineClamp={1}>
        {citizen.fullName}
      </Text>
      <Button variant="white" size="compact-sm" onClick={() => logout.mutate()} loading={logout.isPending}>
        Đăng xuất
      </Button>
    </Group>
  );
}

export function PortalLayout({ children }: { children: ReactNode }) {
  useSignInOnExpiry();
  return (
    <Box mih="100vh" bg="gray.0">
      <Anchor
        href={`#${MAIN_ID}`}
        style={{ position: 'absolute', left: -9999 }}
        onFocus={(e) => (e.currentTarget.style.left = '8px')}
        onBlur={(e) => (e.currentTarget.style.left = '-9999px')}
      >
        Bỏ qua, đến nội dung chính
      </Anchor>
      <Box component="header" bg="blue.8" py="sm">
        <Container size="lg">
          <Group justify="space-between" gap="xs">
            <Anchor component={Link} to="/dvc" c="white" fw={700} underline="never">
              {PORTAL_TITLE}
            </Anchor>
            <CitizenBox />
          </Group>
          <Group component="nav" aria-label="Cổng dịch vụ công" gap="md" mt={6}>
            <Anchor component={Link} to="/dvc" c="white" size="sm">
              Thủ tục hành chính
            </Anchor>
            <Anchor component={Link} to="/dvc/ho-so" c="white" size="sm">
              Hồ sơ của tôi
            </Anchor>
          </Group>
        </Container>
      </Box>
      <Container size="lg" py="md" px="sm" component="main" id={MAIN_ID} tabIndex={-1}>
        {children}
      </Container>
    </Box>
  );
}
