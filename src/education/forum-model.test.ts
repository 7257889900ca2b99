import { describe, expect, it } from 'vitest';
import { arrangeThreads, mayMarkHelpful, ZThemeRequest, type PostRow } from './forum-model.js';
import { materialFileName, sniffMaterial } from './materials-model.js';

const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
const post = (id: string, threadId: string | null, author: string, extra: Partial<PostRow> = {}): PostRow => ({
  id, threadId, authorAccountId: author, authorName: author, authorCoopName: 'K', body: `isi ${id}`, hiddenAt: null, hiddenReason: null, helpful: false, createdAt: at(id.length), ...extra
});

describe('helpful marks', () => {
  it('are for the pemantik, or the thread’s starter on its replies — never one’s own or a hidden post', () => {
    expect(mayMarkHelpful('p', 'p', { authorAccountId: 'x', threadStarter: 's', hidden: false })).toBe(true);
    expect(mayMarkHelpful('s', 'p', { authorAccountId: 'x', threadStarter: 's', hidden: false })).toBe(true);
    expect(mayMarkHelpful('y', 'p', { authorAccountId: 'x', threadStarter: 's', hidden: false })).toBe(false);
    expect(mayMarkHelpful('p', 'p', { authorAccountId: 'p', threadStarter: 's', hidden: false })).toBe(false);
    expect(mayMarkHelpful('p', 'p', { authorAccountId: 'x', threadStarter: 's', hidden: true })).toBe(false);
    expect(mayMarkHelpful('s', 'p', { authorAccountId: 'x', threadStarter: null, hidden: false })).toBe(false);
  });
});

describe('threads', () => {
  it('put replies under their thread, show hidden posts as markers, and hidden text only when given', () => {
    const posts = [post('t1', null, 's'), post('r1', 't1', 'x', { helpful: true }), post('r22', 't1', 'y', { body: '', hiddenAt: at(9), hiddenReason: 'Iklan' }), post('t2', null, 'p'), post('zz', 'gone', 'x')];
    const threads = arrangeThreads(posts, 's', 'p', null);
    expect(threads.map((th) => [th.id, th.replies.map((r) => r.id)])).toEqual([['t1', ['r1', 'r22']], ['t2', []]]);
    expect(threads[0]!.replies[1]).toMatchObject({ body: '', hidden: { reason: 'Iklan' }, hiddenBody: null, mayMarkHelpful: false });
    expect(threads[0]!.replies[0]).toMatchObject({ helpful: true, mayMarkHelpful: false });
    expect(threads[0]!.mine).toBe(true);
    const asBoard = arrangeThreads(posts, 'b', 'p', new Map([['r22', 'Beli murah']]));
    expect(asBoard[0]!.replies[1]!.hiddenBody).toBe('Beli murah');
  });
});

describe('theme input', () => {
  it('asks both ends of a scheduled discussion, in order, at most 24 hours', () => {
    const base = { title: 'Harga karya', body: 'Pengantar' };
    expect(ZThemeRequest.safeParse(base).success).toBe(true);
    expect(ZThemeRequest.safeParse({ ...base, sessionStartsAt: '2030-01-01T19:00:00+07:00' }).success).toBe(false);
    expect(ZThemeRequest.safeParse({ ...base, sessionStartsAt: '2030-01-01T19:00:00+07:00', sessionEndsAt: '2030-01-01T18:00:00+07:00' }).success).toBe(false);
    expect(ZThemeRequest.safeParse({ ...base, sessionStartsAt: '2030-01-01T19:00:00+07:00', sessionEndsAt: '2030-01-02T19:01:00+07:00' }).success).toBe(false);
    expect(ZThemeRequest.safeParse({ ...base, sessionStartsAt: '2030-01-01T19:00:00+07:00', sessionEndsAt: '2030-01-01T21:00:00+07:00' }).success).toBe(true);
  });
});

describe('session material types', () => {
  it('are read from the content, not the name', () => {
    expect(sniffMaterial(Buffer.from('%PDF-1.7\n'))?.mime).toBe('application/pdf');
    expect(sniffMaterial(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.ext).toBe('png');
    expect(sniffMaterial(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.ext).toBe('jpg');
    expect(sniffMaterial(Buffer.from('ID3\u0004rest'))?.ext).toBe('mp3');
    expect(sniffMaterial(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('mimetypeapplication/epub+zip')]))?.ext).toBe('epub');
    expect(sniffMaterial(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml')]))?.ext).toBe('docx');
    expect(sniffMaterial(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....evil.exe')]))).toBeNull();
    expect(sniffMaterial(Buffer.from('Catatan sesi: anggaran keluarga\n'))?.ext).toBe('txt');
    expect(sniffMaterial(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).toBeNull();
    expect(materialFileName('../../etc/Modul 1.exe', { mime: 'application/pdf', ext: 'pdf' })).toBe('Modul 1.pdf');
    expect(materialFileName('', { mime: 'image/png', ext: 'png' })).toBe('materi.png');
  });
});
