/**
 * The report of a result's digital signatures (`verifyResult`, `dossierResultSignatures`): one line per
 * signature — valid or not, who signed, when, whether the document changed after it, whether the
 * certificate chains to a trusted root — and the verdict.
 */
import { Alert, Badge, Group, List, Stack, Text } from '@mantine/core';
import type { SignatureCheck } from '../api/types';
import { formatDateTime } from '../lib/time';

type SignatureReport = SignatureCheck['signatures'][number];

const verdicts: Record<SignatureCheck['verdict'], { color: string; text: string }> = {
  valid: { color: 'green', text: 'Chữ ký số hợp lệ, văn bản không bị thay đổi sau khi ký' },
  untrusted: {
    color: 'yellow',
    text: 'Chữ ký số đúng nhưng chứng thư số không thuộc tổ chức cung cấp dịch vụ tin cậy đã cấu hình',
  },
  modified: { color: 'orange', text: 'Văn bản đã bị thay đổi sau khi ký' },
  invalid: { color: 'red', text: 'Chữ ký số không hợp lệ' },
  unsigned: { color: 'gray', text: 'Kết quả không có chữ ký số' },
};

function SignatureLine({ s }: { s: SignatureReport }) {
  return (
    <List.Item>
      <Group gap="xs" wrap="wrap">
        <Badge color={s.valid ? 'green' : 'red'} variant="light">
          {s.valid ? 'Hợp lệ' : 'Không hợp lệ'}
        </Badge>
        <Text size="sm" fw={600}>
          {s.signer ?? 'Không rõ người ký'}
        </Text>
        {s.signedAt ? <Text size="sm">ký lúc {formatDateTime(s.signedAt)}</Text> : null}
      </Group>
      <Text size="sm" c="dimmed">
        {[
          s.reason,
          s.location,
          s.trusted ? 'chứng thư số tin cậy' : 'chứng thư số chưa được tin cậy',
          s.modifiedAfter ? 'văn bản có thay đổi sau chữ ký này' : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </List.Item>
  );
}

export function SignatureReportView({ check }: { check: SignatureCheck }) {
  const verdict = verdicts[check.verdict];
  return (
    <Stack gap="xs" data-testid="signature-report">
      <Alert color={verdict.color} variant="light" p="xs">
        {verdict.text}
      </Alert>
      {check.signatures.length > 0 ? (
        <List spacing="xs" listStyleType="none">
          {check.signatures.map((s, i) => (
            <SignatureLine key={i} s={s} />
          ))}
        </List>
      ) : null}
    </Stack>
  );
}
