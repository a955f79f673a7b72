/** One labelled fact of a page (a dossier's applicant, dates, places): small dimmed label, value below. */
import { type ReactNode } from 'react';
import { Text } from '@mantine/core';

export function Info({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}
