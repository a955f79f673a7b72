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
import { ReceiptPage } from './pages/receipt-page';
import { ReportsPage } from './pages/reports-page';

const officer = (page: ReactNode) => (
  <RequireOfficer>
    <Layout>{page}</Layout>
  </RequireOfficer>
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
      <Route path="*" element={<Navigate to="/hop-viec" replace />} />
    </Routes>
  );
}
