import { describe, expect, it } from 'vitest';
import { canTraverse } from '../../scripts/embedded-postgres.js';

/** A fake file system: folder → [mode, uid, gid]. */
function fs(entries: Record<string, [number, number, number]>) {
  return (path: string) => {
    const entry = entries[path];
    if (!entry) throw new Error(`ENOENT ${path}`);
    const [mode, uid, gid] = entry;
    return { mode: 0o40000 | mode, uid, gid };
  };
}

const postgres = { uid: 105, gid: 110 };
const tree = {
  '/': [0o755, 0, 0],
  '/root': [0o700, 0, 0],
  '/root/motcua': [0o755, 0, 0],
  '/root/motcua/node_modules': [0o755, 0, 0],
  '/work': [0o755, 0, 0],
  '/work/app': [0o750, 0, 110],
  '/work/app/bin': [0o755, 0, 0],
  '/home': [0o755, 0, 0],
  '/home/dev': [0o710, 1000, 1000],
  '/var': [0o755, 0, 0],
  '/var/lib': [0o755, 0, 0],
  '/var/lib/postgresql': [0o700, 105, 110],
} satisfies Record<string, [number, number, number]>;

describe('embedded PostgreSQL as root: can the postgres user reach a folder?', () => {
  it('no, under a home only root may enter (/root, mode 700)', () => {
    expect(canTraverse('/root/motcua/node_modules', postgres, fs(tree))).toBe(false);
  });

  it('yes, through folders open to others, to its group, or owned by it', () => {
    expect(canTraverse('/work', postgres, fs(tree))).toBe(true);
    expect(canTraverse('/work/app/bin', postgres, fs(tree))).toBe(true);
    expect(canTraverse('/var/lib/postgresql', postgres, fs(tree))).toBe(true);
  });

  it('no, through a folder that gives others nothing even if it lets its group in', () => {
    expect(canTraverse('/home/dev', postgres, fs(tree))).toBe(false);
    expect(canTraverse('/home/dev', { uid: 2000, gid: 1000 }, fs(tree))).toBe(true);
  });

  it('checks every folder from the root down, the target included', () => {
    const seen: string[] = [];
    const statOf = fs(tree);
    canTraverse('/work/app/bin', postgres, (p) => (seen.push(p), statOf(p)));
    expect(seen).toEqual(['/', '/work', '/work/app', '/work/app/bin']);
  });
});
