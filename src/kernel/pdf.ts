import { createRequire } from 'node:module';
import path from 'node:path';
import type PdfMake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * PDFs (member cards, receipts, statements) use the Roboto files shipped inside the
 * pdfmake npm package, so a fresh machine needs no system fonts; pdfmake may read only
 * those files and never fetch a URL.
 */
const require = createRequire(import.meta.url);
export const PDF_FONT_DIR = path.dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));
export const PDF_FONTS = {
  normal: path.join(PDF_FONT_DIR, 'Roboto-Regular.ttf'),
  bold: path.join(PDF_FONT_DIR, 'Roboto-Medium.ttf'),
  italics: path.join(PDF_FONT_DIR, 'Roboto-Italic.ttf'),
  bolditalics: path.join(PDF_FONT_DIR, 'Roboto-MediumItalic.ttf')
};

/**
 * pdfmake (about 25 MB resident once loaded) is imported on the first PDF, not at start-up: most
 * processes never render one between restarts (issue #13, decision 0140).
 */
let loaded: Promise<typeof PdfMake> | undefined;

export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const pdfMake = await (loaded ??= import('pdfmake').then((m) => (m as unknown as { default: typeof PdfMake }).default ?? (m as unknown as typeof PdfMake)));
  pdfMake.setFonts({ Roboto: { ...PDF_FONTS } });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(PDF_FONT_DIR));
  return pdfMake.createPdf(doc).getBuffer();
}
