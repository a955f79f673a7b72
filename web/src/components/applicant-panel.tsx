/**
 * The applicant of a dossier as received: a person or an organisation, identification, address, contacts,
 * and who filed for them with which authorisation.
 */
import { Paper, SimpleGrid, Title } from '@mantine/core';
import { type ApplicantView } from '../api/types';
import { applicantFieldLabels, applicantKindLabels } from '../lib/labels';
import { formatDate } from '../lib/time';
import { Info } from './info';
import { LongText } from './long-text';

export function ApplicantPanel({ applicant }: { applicant: ApplicantView }) {
  const labels = applicantFieldLabels[applicant.kind];
  const rep = applicant.representative;
  return (
    <Paper withBorder p="md" data-testid="applicant">
      <Title order={4} mb="xs">
        Người nộp hồ sơ ({applicantKindLabels[applicant.kind].toLowerCase()})
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Info label={labels.name}>
          <LongText size="sm" span>
            {applicant.fullName}
          </LongText>
        </Info>
        <Info label={labels.idNumber}>{applicant.idNumber}</Info>
        <Info label="Địa chỉ">{applicant.address ?? '—'}</Info>
        <Info label="Số điện thoại">{applicant.phone ?? '—'}</Info>
        <Info label="Thư điện tử">{applicant.email ?? '—'}</Info>
        {rep ? (
          <Info label="Người nộp thay (được ủy quyền)" testId="representative">
            {`${rep.fullName} · CCCD ${rep.idNumber} · ${rep.authorisation.document}`}
            {rep.authorisation.issuedOn ? ` ngày ${formatDate(rep.authorisation.issuedOn)}` : ''}
          </Info>
        ) : null}
      </SimpleGrid>
    </Paper>
  );
}
