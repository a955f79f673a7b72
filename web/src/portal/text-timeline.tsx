/** A history told in plain Vietnamese sentences, oldest first, each with its time. */
import { Text, Timeline } from '@mantine/core';
import { formatDateTime } from '../lib/time';

export function TextTimeline({ items, testId }: { items: { at: string; text: string }[]; testId?: string }) {
  return (
    <Timeline bulletSize={14} lineWidth={2} active={items.length - 1} data-testid={testId}>
      {items.map((h, i) => (
        <Timeline.Item key={`${h.at}-${i}`} title={<Text size="sm">{h.text}</Text>}>
          <Text size="xs" c="dimmed">
            {formatDateTime(h.at)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
