/**
 * The applicant at receipt: a person (CCCD) or an organisation (tax code), address and contacts, and who
 * files for them when someone does (the representative with the authorisation document).
 */
import { Checkbox, Grid, Group, Paper, Radio, TextInput, Title } from '@mantine/core';
import { type ApplicantKind } from '../../api/types';
import { type FormErrors } from '../../components/errors';
import { applicantFieldLabels, applicantKindLabels } from '../../lib/labels';
import {
  emptyRepresentative,
  idNumberHint,
  type ApplicantForm,
  type RepresentativeForm,
} from '../../lib/receipt-form';

/** The API's names of the fields this section shows (`body.` stripped), for the form's error alert. */
export const applicantFields = [
  'applicant.kind',
  'applicant.fullName',
  'applicant.idNumber',
  'applicant.address',
  'applicant.email',
  'applicant.phone',
  'applicant.representative',
  'applicant.representative.fullName',
  'applicant.representative.idNumber',
  'applicant.representative.authorisation',
  'applicant.representative.authorisation.document',
  'applicant.representative.authorisation.issuedOn',
];

const REP = 'applicant.representative';

/** The input's `onChange` that sets one text field and drops the API's message about its old value. */
function textSetter<T>(errors: FormErrors, set: (patch: Partial<T>) => void) {
  return (name: keyof T & string, field: string) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    set({ [name]: value } as Partial<T>);
    if (errors.field(field)) errors.clear();
  };
}

export function ApplicantSection({
  applicant,
  representative,
  onApplicant,
  onRepresentative,
  errors,
}: {
  applicant: ApplicantForm;
  representative: RepresentativeForm | null;
  onApplicant: (patch: Partial<ApplicantForm>) => void;
  onRepresentative: (representative: RepresentativeForm | null) => void;
  errors: FormErrors;
}) {
  const text = textSetter<ApplicantForm>(errors, onApplicant);
  const labels = applicantFieldLabels[applicant.kind];
  const idError = errors.field('applicant.idNumber');
  return (
    <Paper withBorder p="md" data-testid="applicant-section">
      <Title order={4} mb="xs">
        Người nộp hồ sơ
      </Title>
      <Grid>
        <Grid.Col span={12}>
          <Radio.Group
            label="Người nộp là"
            value={applicant.kind}
            onChange={(kind) => onApplicant({ kind: kind === 'organisation' ? 'organisation' : 'citizen' })}
            error={errors.field('applicant.kind')}
          >
            <Group mt="xs">
              {(Object.keys(applicantKindLabels) as ApplicantKind[]).map((kind) => (
                <Radio key={kind} value={kind} label={applicantKindLabels[kind]} />
              ))}
            </Group>
          </Radio.Group>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TextInput
            label={labels.name}
            value={applicant.fullName}
            onChange={text('fullName', 'applicant.fullName')}
            error={errors.field('applicant.fullName')}
            required
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TextInput
            label={labels.idNumber}
            value={applicant.idNumber}
            onChange={text('idNumber', 'applicant.idNumber')}
            // The API's message replaces the hint (both would say the same).
            description={idError ? undefined : idNumberHint(applicant.kind, applicant.idNumber)}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            error={idError}
            required
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <TextInput
            label="Địa chỉ"
            placeholder="Địa chỉ thường trú hoặc địa chỉ liên hệ"
            value={applicant.address}
            onChange={text('address', 'applicant.address')}
            error={errors.field('applicant.address')}
            required
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TextInput
            label="Số điện thoại"
            value={applicant.phone}
            onChange={text('phone', 'applicant.phone')}
            error={errors.field('applicant.phone')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TextInput
            label="Thư điện tử"
            value={applicant.email}
            onChange={text('email', 'applicant.email')}
            error={errors.field('applicant.email')}
          />
        </Grid.Col>
      </Grid>
      <Checkbox
        mt="md"
        label="Người nộp thay (được ủy quyền)"
        checked={representative !== null}
        onChange={(e) => onRepresentative(e.currentTarget.checked ? emptyRepresentative : null)}
      />
      {representative ? (
        <RepresentativeFields
          representative={representative}
          onChange={(patch) => onRepresentative({ ...representative, ...patch })}
          errors={errors}
        />
      ) : null}
    </Paper>
  );
}

function RepresentativeFields({
  representative,
  onChange,
  errors,
}: {
  representative: RepresentativeForm;
  onChange: (patch: Partial<RepresentativeForm>) => void;
  errors: FormErrors;
}) {
  const text = textSetter<RepresentativeForm>(errors, onChange);
  const idError = errors.field(`${REP}.idNumber`);
  return (
    <Grid mt="xs" data-testid="representative-section">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <TextInput
          label="Họ và tên người nộp thay"
          value={representative.fullName}
          onChange={text('fullName', `${REP}.fullName`)}
          error={errors.field(`${REP}.fullName`) ?? errors.field(REP)}
          required
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <TextInput
          label="Số định danh cá nhân (CCCD) của người nộp thay"
          value={representative.idNumber}
          onChange={text('idNumber', `${REP}.idNumber`)}
          description={idError ? undefined : idNumberHint('citizen', representative.idNumber)}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          error={idError}
          required
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <TextInput
          label="Văn bản ủy quyền"
          placeholder="Ví dụ: Giấy ủy quyền số 12/2026/UQ"
          value={representative.document}
          onChange={text('document', `${REP}.authorisation.document`)}
          error={errors.field(`${REP}.authorisation.document`) ?? errors.field(`${REP}.authorisation`)}
          required
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <TextInput
          type="date"
          label="Ngày lập văn bản ủy quyền"
          value={representative.issuedOn}
          onChange={text('issuedOn', `${REP}.authorisation.issuedOn`)}
          error={errors.field(`${REP}.authorisation.issuedOn`)}
        />
      </Grid.Col>
    </Grid>
  );
}
