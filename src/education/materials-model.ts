/**
 * Session materials (decision 0165): which files are accepted is decided by their content
 * (magic bytes), never by the name or the type a browser claims. 20 MB at most (also a CHECK).
 */
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

export type MaterialType = { mime: string; ext: string };

const starts = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (b: Buffer, s: string, at = 0) => b.length >= at + s.length && b.toString('latin1', at, at + s.length) === s;

/** The type of a material by its content: PDF, images, office documents, EPUB, audio, video, plain text — or null. */
export function sniffMaterial(b: Buffer): MaterialType | null {
  if (ascii(b, '%PDF-')) return { mime: 'application/pdf', ext: 'pdf' };
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', ext: 'png' };
  if (starts(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
  if (ascii(b, 'RIFF') && ascii(b, 'WEBP', 8)) return { mime: 'image/webp', ext: 'webp' };
  if (ascii(b, 'RIFF') && ascii(b, 'WAVE', 8)) return { mime: 'audio/wav', ext: 'wav' };
  if (ascii(b, 'ID3') || starts(b, [0xff, 0xfb]) || starts(b, [0xff, 0xf3]) || starts(b, [0xff, 0xf2])) return { mime: 'audio/mpeg', ext: 'mp3' };
  if (ascii(b, 'OggS')) return { mime: 'audio/ogg', ext: 'ogg' };
  if (ascii(b, 'ftyp', 4)) return ascii(b, 'M4A', 8) ? { mime: 'audio/mp4', ext: 'm4a' } : { mime: 'video/mp4', ext: 'mp4' };
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip: an EPUB names its type first; an Office Open XML file has [Content_Types].xml and its part folder.
    if (ascii(b, 'mimetypeapplication/epub+zip', 30)) return { mime: 'application/epub+zip', ext: 'epub' };
    const names = b.toString('latin1');
    if (names.includes('[Content_Types].xml')) {
      if (names.includes('word/')) return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' };
      if (names.includes('ppt/')) return { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx' };
      if (names.includes('xl/')) return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' };
    }
    return null;
  }
  if (isPlainText(b)) return { mime: 'text/plain; charset=utf-8', ext: 'txt' };
  return null;
}

/** UTF-8 text without control characters other than tab, newline and carriage return. */
function isPlainText(b: Buffer): boolean {
  if (b.length === 0) return false;
  const s = b.toString('utf8');
  if (s.includes('\uFFFD')) return false;
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
}

/** A safe stored name: no path, at most 200 characters, ending in the sniffed type's extension. */
export function materialFileName(name: string, type: MaterialType): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001F\u007F]/g, '').trim().slice(0, 180) || 'materi';
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'materi';
  return `${stem}.${type.ext}`;
}
