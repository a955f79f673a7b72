/**
 * Step 1 of the wizard: the applicant's e-form. The citizen files for themself (name and personal ID as
 * the e-ID vouched, read-only) or for an organisation as its representative (the organisation's name,
 * tax code and the authorisation document).
 */
import { Grid, Group, Radio, TextInput, Title } from '@mantine/core';
import { type FormErrors } from '../../components/errors';
import { idNumberHint } from '../../lib/receipt-form';
import { applicantFields } from '../../pages/receipt/applicant-section';
import type { Citizen } from '../types';
import type { OrganisationForm, WizardForm } from '../wizard-form';

/** The API's names of the fields this step shows (`body.` stripped), for the step's error alert. */
export const applicantStepFields = ['applicant', ...applicantFields];

const REP = 'applicant.representative';
const eid = 'Theo tài khoản định danh điện tử (VNeID)';

export function ApplicantStep({
  form,
  citizen,
  onChange,
  errors,
}: {
  form: WizardForm;
  citizen: Citizen;
  onChange: (patch: Partial<WizardForm>) => void;
  errors: FormErrors;
}) {
  const org = form.organisation;
  const setOrg = (patch: Partial<OrganisationForm>) => onChange({ organisation: { ...org, ...patch } });
  const organisation = form.kind === 'organisation';
  const taxError = errors.field('applicant.idNumber');
  return (
    <Grid>
      <Grid.Col span={12}>
        <Radio.Group
          label="Ông/bà nộp hồ sơ"
          value={form.kind}
          onChange={(kind) => onChange({ kind: kind === 'organisation' ? 'organisation' : 'citizen' })}
          error={errors.field('applicant.kind')}
        >
          <Group mt="xs">
            <Radio value="citizen" label="Cho bản thân (cá nhân)" />
            <Radio value="organisation" label="Thay mặt một tổ chức (người đại diện)" />
          </Group>
        </Radio.Group>
      </Grid.Col>
      {organisation ? (
        <>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label="Tên tổ chức"
              value={org.name}
              onChange={(e) => setOrg({ name: e.currentTarget.value })}
              error={errors.field('applicant.fullName')}
              required
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Mã số thuế của tổ chức"
              value={org.taxCode}
              inputMode="numeric"
              onChange={(e) => setOrg({ taxCode: e.currentTarget.value })}
              description={taxError ? undefined : idNumberHint('organisation', org.taxCode)}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              error={taxError}
              required
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Title order={3} size="h5">
              Người đại diện nộp hồ sơ
            </Title>
          </Grid.Col>
        </>
      ) : null}
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Họ và tên"
          value={citizen.fullName}
          readOnly
          description={eid}
          error={errors.field(organisation ? `${REP}.fullName` : 'applicant.fullName')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Số định danh cá nhân"
          value={citizen.personalId}
          readOnly
          description={eid}
          error={errors.field(organisation ? `${REP}.idNumber` : 'applicant.idNumber')}
        />
      </Grid.Col>
      {organisation ? (
        <>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label="Văn bản ủy quyền hoặc giấy giới thiệu"
              placeholder="Ví dụ: Giấy giới thiệu số 12/GGT"
              value={org.document}
              onChange={(e) => setOrg({ document: e.currentTarget.value })}
              error={errors.field(`${REP}.authorisation.document`) ?? errors.field(`${REP}.authorisation`)}
              required
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              type="date"
              label="Ngày lập văn bản"
              value={org.issuedOn}
              onChange={(e) => setOrg({ issuedOn: e.currentTarget.value })}
              error={errors.field(`${REP}.authorisation.issuedOn`)}
            />
          </Grid.Col>
        </>
      ) : null}
      <Grid.Col span={12}>
        <TextInput
          label={organisation ? 'Địa chỉ trụ sở của tổ chức' : 'Địa chỉ thường trú hoặc địa chỉ liên hệ'}
          value={form.address}
          onChange={(e) => onChange({ address: e.currentTarget.value })}
          error={errors.field('applicant.address')}
          autoComplete={organisation ? 'off' : 'street-address'}
          required
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Số điện thoại"
          type="tel"
          value={form.phone}
          onChange={(e) => onChange({ phone: e.currentTarget.value })}
          error={errors.field('applicant.phone')}
          autoComplete="tel"
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Thư điện tử"
          type="email"
          value={form.email}
          onChange={(e) => onChange({ email: e.currentTarget.value })}
          error={errors.field('applicant.email')}
          description="Để nhận thông báo về hồ sơ"
          autoComplete="email"
        />
      </Grid.Col>
    </Grid>
  );
}
