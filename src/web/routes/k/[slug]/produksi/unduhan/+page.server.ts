import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith } from '$lib/server/forms';
import { can } from '../../../../../../kernel/permissions.js';
import { listWorks } from '../../../../../../catalogue/list-works.js';
import { listWorkFiles, uploadWorkFile } from '../../../../../../downloads/upload-work-file.js';

/** Digital works (Suara, Aksara): upload the downloadable file, its licence terms, and a public preview. Multipart form, no JavaScript. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'catalogue.read')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const works = [...(await listWorks(ctx, { line: 'suara', pageSize: 100 })).items, ...(await listWorks(ctx, { line: 'aksara', pageSize: 100 })).items].filter((w) => w.status !== 'archived');
  const files = await Promise.all(works.map((w) => listWorkFiles(ctx, w.id)));
  return { works: works.map((w, i) => ({ id: w.id, title: w.title, productLine: w.productLine, files: files[i]! })), mayWrite: can(ctx, 'catalogue.write'), done: event.url.searchParams.has('selesai') };
};

export const actions: Actions = {
  upload: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    const file = form.get('file');
    try {
      const blob = file instanceof File ? file : null;
      await uploadWorkFile(ctx, String(form.get('workId') ?? ''), {
        kind: form.get('kind') === 'preview' ? 'preview' : 'download',
        filename: blob?.name ?? '',
        contentType: blob?.type ?? '',
        data: blob ? Buffer.from(await blob.arrayBuffer()) : Buffer.alloc(0),
        licenceTerms: String(form.get('licenceTerms') ?? '')
      });
    } catch (err) {
      return failWith(ctx.locale, err, { workId: String(form.get('workId') ?? '') });
    }
    redirect(303, `/k/${event.params.slug}/produksi/unduhan?selesai=1`);
  }
};
