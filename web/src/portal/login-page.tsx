/**
 * `/dvc/dang-nhap`: signing in with the national e-ID (VNeID) through the identity provider; `?loi=<code>`
 * says why the last attempt failed, `?returnTo=` is where the citizen comes back after (a `/dvc` path).
 */
import { Alert, Button, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { portalLinks } from './api';
import { loginErrorMessage } from './labels';
import { safeReturnTo } from './paths';

export function PortalLoginPage() {
  const [params] = useSearchParams();
  const error = params.get('loi');
  const returnTo = safeReturnTo(params.get('returnTo'));
  return (
    <Stack maw={560} mx="auto">
      <Title order={1} size="h2">
        Đăng nhập
      </Title>
      {error ? (
        <Alert color="red" role="alert" title="Chưa đăng nhập được" data-testid="login-error">
          {loginErrorMessage(error)}
        </Alert>
      ) : null}
      <Paper withBorder p="md">
        <Stack>
          <Text>
            Để nộp và theo dõi hồ sơ trực tuyến, ông/bà đăng nhập bằng tài khoản định danh điện tử VNeID (mức
            độ 2) do Bộ Công an cấp.
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>Họ tên và số định danh cá nhân được lấy từ tài khoản định danh điện tử.</List.Item>
            <List.Item>Cổng dịch vụ công không lưu mật khẩu của ông/bà.</List.Item>
            <List.Item>Phiên làm việc tự kết thúc sau 30 phút không thao tác.</List.Item>
          </List>
          <Button component="a" href={portalLinks.login(returnTo)} size="md" data-testid="vneid-login">
            Đăng nhập bằng VNeID
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
