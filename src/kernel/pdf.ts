import { createRequire } from 'node:module';
import path from 'node:path';
import pdfMake from 'pdfmake';
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

export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  pdfMake.setFonts({ Roboto: { ...PDF_FONTS } });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(PDF_FONT_DIR));
  return pdfMake.createPdf(doc).getBuffer();
}
