/** A dossier code linking to its page: bold, and broken anywhere so a long code never widens a table. */
import { Anchor } from '@mantine/core';
import { Link } from 'react-router';

export function CodeLink({ code, to }: { code: string; to: string }) {
  return (
    <Anchor component={Link} to={to} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
      {code}
    </Anchor>
  );
}
