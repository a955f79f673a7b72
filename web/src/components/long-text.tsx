/**
 * A name that may be very long (procedure, applicant, officer): wraps anywhere, cut after `lines` lines
 * with the full text on hover (the `title` tooltip), so that a 200-character name never pushes a table's
 * other columns off the screen.
 */
import { Text, type TextProps } from '@mantine/core';

export function LongText({
  children,
  lines = 2,
  ...props
}: { children: string; lines?: number } & Omit<TextProps, 'children' | 'lineClamp'>) {
  return (
    <Text {...props} lineClamp={lines} title={children} style={{ overflowWrap: 'anywhere' }}>
      {children}
    </Text>
  );
}
