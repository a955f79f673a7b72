/** The console's frame: header with the officer, navigation by role, the page. */
import { type ReactNode } from 'react';
import { AppShell, Badge, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import { session } from '../api/client';
import { useOfficer } from '../auth';
import { LongText } from './long-text';
import { useOrganisation } from './use-organisation';
import { useReceivingUnits } from './use-receiving-units';

export function Layout({ children }: { children: ReactNode }) {
  const me = useOfficer();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure(false);
  const org = useOrganisation();
  const units = useReceivingUnits();
  // A desk officer works for a receiving unit (a Centre point has no division of the Sở).
  const workplace = me.receivingUnit
    ? units.unitName(me.receivingUnit)
    : me.divisionCode
      ? org.divisionName(me.divisionCode)
      : null;
  const links = [
    { to: '/hop-viec', label: 'Hộp việc của tôi', show: true },
    { to: '/tiep-nhan', label: 'Tiếp nhận hồ sơ', show: me.access.receive },
    { to: '/truc-tuyen', label: 'Hồ sơ trực tuyến', show: me.access.receive || me.role === 'admin' },
    { to: '/lanh-dao', label: 'Hồ sơ trễ hạn', show: me.access.lateDossiers },
    { to: '/lich-lam-viec', label: 'Lịch làm việc', show: true },
    { to: '/bao-cao', label: 'Báo cáo định kỳ', show: true },
    { to: '/dong-bo', label: 'Đồng bộ DVC quốc gia', show: me.access.lateDossiers },
    { to: '/tra-cuu', label: 'Tra cứu hồ sơ (công dân)', show: true },
  ];
  const logout = () => {
    session.clear();
    client.clear();
    void navigate('/dang-nhap');
  };
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Mở danh mục" />
            <Title order={3}>Một Cửa – Sở GDĐT</Title>
          </Group>
          <Group gap="sm">
            <Stack gap={0} align="flex-end">
              <Text fw={600} data-testid="officer-name">
                {me.fullName}
              </Text>
              <LongText size="xs" c="dimmed" lines={1} maw={480} ta="right" data-testid="officer-unit">
                {`${me.roleLabel}${workplace ? ` · ${workplace}` : ''}`}
              </LongText>
            </Stack>
            <Button variant="light" onClick={logout}>
              Đăng xuất
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {links
          .filter((l) => l.show)
          .map((l) => (
            <NavLink
              key={l.to}
              component={Link}
              to={l.to}
              label={l.label}
              active={location.pathname.startsWith(l.to)}
              onClick={close}
            />
          ))}
        {me.role === 'auditor' ? (
          <Badge mt="md" color="gray" variant="light">
            Chỉ xem, không thao tác
          </Badge>
        ) : null}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
