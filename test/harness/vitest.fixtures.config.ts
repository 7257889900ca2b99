import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

/**
 * The project's Vitest configuration (the same global setup: PostgreSQL and the migrated
 * template database), running only the fixture files in test/harness/fixtures — they are
 * outside the ordinary include globs, so `npm test` never runs them itself.
 */
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test/harness/fixtures/*.fixture.ts'], reporters: ['default'] }
});
