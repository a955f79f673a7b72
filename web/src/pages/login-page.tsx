import { useState, type FormEvent } from 'react';
import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, session } from '../api/client';
import { type LoginAnswer } from '../api/types';
import { FormAlert, useFormErrors } from '../components/errors';
import { useSingleFlight } from '../components/use-single-flight';

export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const errors = useFormErrors();
  const once = useSingleFlight();
  const login = useMutation({
    mutationFn: () =>
      api<LoginAnswer>('/auth/login', { body: { username: username.trim(), password }, anonymous: true }),
    onSuccess: (answer) => {
      session.save(answer.token);
      client.setQueryData(['me', answer.token], answer.officer);
      const next = params.get('sau');
      void navigate(next?.startsWith('/') ? next : '/hop-viec', { replace: true });
    },
    onError: errors.setError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    once(() => login.mutateAsync());
  };
  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={submit}>
          <Stack>
            <Title order={2}>Đăng nhập</Title>
            <Text c="dimmed" size="sm">
              Hệ thống một cửa – Sở Giáo dục và Đào tạo
            </Text>
            <TextInput
              label="Tên đăng nhập"
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={errors.field('username')}
              autoComplete="username"
              required
            />
            <PasswordInput
              label="Mật khẩu"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.field('password')}
              autoComplete="current-password"
              required
            />
            <FormAlert errors={errors} fields={['username', 'password']} />
            <Button type="submit" loading={login.isPending}>
              Đăng nhập
            </Button>
            <Anchor component={Link} to="/tra-cuu" size="sm">
              Công dân tra cứu hồ sơ
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
