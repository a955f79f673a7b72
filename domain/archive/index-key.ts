/**
 * The key of the archive index's applicant hashes (`ARCHIVE_INDEX_KEY`, docs/archive.md) in development and
 * tests. Never valid in production: config/config.ts refuses it there, as the other dev secrets.
 */
export const DEV_ARCHIVE_INDEX_KEY = 'dev-only-archive-index-key-not-for-production-0123';
