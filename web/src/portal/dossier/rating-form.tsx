/** The citizen's satisfaction rating of a returned dossier (one per dossier; no level preselected). */
import { useState } from 'react';
import { Button, Group, Paper, Radio, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormAlert, useFormErrors } from '../../components/errors';
import { useSingleFlight } from '../../components/use-single-flight';
import { portal } from '../api';
import { ratingLevels } from '../labels';
import type { RatingLevel } from '../types';

export function PortalRatingForm({ code, onRated }: { code: string; onRated: () => void }) {
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [comment, setComment] = useState('');
  const errors = useFormErrors();
  const once = useSingleFlight();
  const rate = useMutation({
    mutationFn: (chosen: RatingLevel) =>
      portal.rate(code, { level: chosen, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    onSuccess: onRated,
    onError: errors.setError,
  });
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      data-testid="rating-form"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        if (level) once(() => rate.mutateAsync(level));
      }}
    >
      <Title order={2} size="h4">
        Đánh giá mức độ hài lòng
      </Title>
      <Radio.Group
        my="sm"
        label="Ông/bà hài lòng với việc giải quyết hồ sơ ở mức nào?"
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
        autosize
        minRows={2}
      />
      <FormAlert errors={errors} fields={['level', 'comment']} />
      <Button mt="sm" type="submit" loading={rate.isPending} disabled={level === null}>
        Gửi đánh giá
      </Button>
    </Paper>
  );
}
