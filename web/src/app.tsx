/**
 * Client routes (Vietnamese paths, none shared with the API's, so the server serves index.html for
 * them: api/routes/web.routes.ts lists the same prefixes).
 */
import { type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireOfficer } from './auth';
import { Layout } from './components/layout';
import { CalendarPage } from './pages/calendar-page';
import { DossierPage } from './pages/dossier-page';
import { InboxPage } from './pages/inbox-page';
import { LatePage } from './pages/late-page';
import { LoginPage } from './pages/login-page';
import { LookupPage } from './pages/lookup-page';
import { NationalSyncPage } from './pages/national-sync-page';
import { OnlineQueuePage } from './pages/online-queue-page';
import { OnlineSubmissionPage } from './pages/online-queue-submission-page';
import { ReceiptPage } from './pages/receipt-page';
import { ReportsPage } from './pages/reports-page';
import { PortalDossierPage } from './portal/dossier-page';
import { DossiersPage } from './portal/dossiers-page';
import { PortalLoginPage } from './portal/login-page';
import { PortalLayout } from './portal/portal-layout';
import { ProcedurePage } from './portal/procedure-page';
import { ProceduresPage } from './portal/procedures-page';
import { RequireCitizen } from './portal/session';
import { SubmitPage } from './portal/submit-page';

const officer = (page: ReactNode) => (
  <RequireOfficer>
    <Layout>{page}</Layout>
  </RequireOfficer>
);

/** A page of the citizen portal (`/dvc…`): its own frame, no officer menu. */
const citizenPortal = (page: ReactNode, signedIn = false) => (
  <PortalLayout>{signedIn ? <RequireCitizen>{page}</RequireCitizen> : page}</PortalLayout>
);

export function App() {
  return (
    <Routes>
      <Route path="/" element={<Navigate to="/hop-viec" replace />} />
      <Route path="/dang-nhap" element={<LoginPage />} />
      <Route path="/tra-cuu" element={<LookupPage />} />
      <Route path="/hop-viec" element={officer(<InboxPage />)} />
      <Route path="/tiep-nhan" element={officer(<ReceiptPage />)} />
      <Route path="/ho-so/:code" element={officer(<DossierPage />)} />
      <Route path="/lanh-dao" element={officer(<LatePage />)} />
      <Route path="/lich-lam-viec" element={officer(<CalendarPage />)} />
      <Route path="/bao-cao" element={officer(<ReportsPage />)} />
      <Route path="/dong-bo" element={officer(<NationalSyncPage />)} />
      <Route path="/truc-tuyen" element={officer(<OnlineQueuePage />)} />
      <Route path="/truc-tuyen/:code" element={officer(<OnlineSubmissionPage />)} />
      <Route path="/dvc" element={citizenPortal(<ProceduresPage />)} />
      <Route path="/dvc/thu-tuc/:code" element={citizenPortal(<ProcedurePage />)} />
      <Route path="/dvc/dang-nhap" element={citizenPortal(<PortalLoginPage />)} />
      <Route path="/dvc/nop-ho-so/:code" element={citizenPortal(<SubmitPage />, true)} />
      <Route path="/dvc/ho-so" element={citizenPortal(<DossiersPage />, true)} />
      <Route path="/dvc/ho-so/:code" element={citizenPortal(<PortalDossierPage />, true)} />
      <Route path="/dvc/*" element={<Navigate to="/dvc" replace />} />
      <Route path="*" element={<Navigate to="/hop-viec" replace />} />
    </Routes>
  );
}
