/**
 * The applicant's satisfaction rating of a returned dossier (db/rating.table.ts levels), sent once through
 * `send`: the public lookup's and the citizen portal's. No level is preselected (a default would bias
 * the survey).
 */
import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Radio, Textarea, Title, type TitleOrder } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormAlert, useFormErrors } from './errors';
import { useSingleFlight } from './use-single-flight';

export type RatingLevel = 'very_satisfied' | 'satisfied' | 'dissatisfied';

export const ratingLevels: { value: RatingLevel; label: string }[] = [
  { value: 'very_satisfied', label: 'Rất hài lòng' },
  { value: 'satisfied', label: 'Hài lòng' },
  { value: 'dissatisfied', label: 'Không hài lòng' },
];

export interface RatingBody {
  level: RatingLevel;
  comment?: string;
}

export function RatingForm({
  send,
  onRated,
  headingOrder = 4,
}: {
  send: (body: RatingBody) => Promise<unknown>;
  onRated: () => void;
  headingOrder?: TitleOrder;
}) {
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [comment, setComment] = useState('');
  const errors = useFormErrors();
  const once = useSingleFlight();
  const rate = useMutation({ mutationFn: send, onSuccess: onRated, onError: errors.setError });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    if (level)
      once(() => rate.mutateAsync({ level, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} data-testid="rating-form">
      <Title order={headingOrder} size="h4">
        Đánh giá mức độ hài lòng
      </Title>
      <Radio.Group
        my="sm"
        label="Mức độ hài lòng"
        value={level}
        onChange={(v) => setLevel(ratingLevels.find((l) => l.value === v)?.value ?? null)}
        error={errors.field('level')}
        required
      >
        <Group mt="xs">
          {ratingLevels.map((l) => (
            <Radio key={l.value} value={l.value} label={l.label} />
          ))}
        </Group>
      </Radio.Group>
      <Textarea
        label="Góp ý (không bắt buộc)"
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={errors.field('comment')}
      />
      <FormAlert errors={errors} fields={['comment', 'level']} />
      <Button mt="sm" type="submit" loading={rate.isPending} disabled={level === null}>
        Gửi đánh giá
      </Button>
    </Paper>
  );
}
