/**
 * The officers' queue of online submissions (`/online-submissions`, issue #15), written by hand until the
 * routes are in the generated OpenAPI types.
 */
import type { ApplicantView, ReturnMethod } from '../api/types';

export const onlineStatuses = ['pending', 'awaiting_completion', 'accepted', 'refused'] as const;
export type OnlineStatus = (typeof onlineStatuses)[number];

export const onlineStatusLabels: Record<OnlineStatus, string> = {
  pending: 'Chờ kiểm tra',
  awaiting_completion: 'Chờ công dân bổ sung',
  accepted: 'Đã tiếp nhận',
  refused: 'Đã từ chối',
};

export interface OnlineQueueItem {
  code: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  receivingUnit: string;
  submittedAt: string;
  /** The legal time to check the submission and answer. */
  checkBy: string;
  overdue: boolean;
  status: OnlineStatus;
}

export interface OnlineQueue {
  items: OnlineQueueItem[];
  total: number;
}

export interface OnlineSubmission extends OnlineQueueItem {
  returnMethod: ReturnMethod;
  copies?: number | null;
  applicant: ApplicantView;
  components: { code: string; name: string; fileId: string; fileName: string }[];
  /** The decisions and the citizen's completions, oldest first, in plain Vietnamese. */
  history: { at: string; text: string }[];
}

export type Decision = 'accept' | 'request-completion' | 'refuse';
