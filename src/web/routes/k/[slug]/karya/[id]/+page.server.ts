import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith } from '$lib/server/forms';
import { creatorsFromForm, echo, workRequestFromForm } from '$lib/catalogue/form';
import { can } from '../../../../../../kernel/permissions.js';
import { isAppError } from '../../../../../../kernel/errors.js';
import { getWork } from '../../../../../../catalogue/get-work.js';
import { updateWork } from '../../../../../../catalogue/update-work.js';
import { setWorkCreators } from '../../../../../../catalogue/set-work-creators.js';
import { publishWork } from '../../../../../../catalogue/publish-work.js';
import { archiveWork } from '../../../../../../catalogue/archive-work.js';
import { listMembers } from '../../../../../../members/list-members.js';
import { deleteWorkImage, editWorkImage, listWorkImages, uploadWorkImage } from '../../../../../../media/work-images.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const work = await getWork(ctx, event.params.id);
    const mayWrite = can(ctx, 'catalogue.write');
    const members = mayWrite ? (await listMembers(ctx, { status: 'active', pageSize: 200, sort: 'name' })).items.map((m) => ({ id: m.id, fullName: m.fullName, memberNo: m.memberNo })) : [];
    const images = await listWorkImages(ctx, event.params.id);
    return { work, members, mayWrite, images, done: event.url.searchParams.get('selesai') };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};

const back = (slug: string, id: string, done: string) => redirect(303, `/k/${slug}/karya/${id}?selesai=${done}`);

export const actions: Actions = {
  save: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    try {
      const current = await getWork(ctx, event.params.id);
      const creators = creatorsFromForm(form);
      await updateWork(ctx, event.params.id, { ...workRequestFromForm(current.productLine, form), ...(creators.length ? { creators } : {}) });
    } catch (err) {
      return failWith(ctx.locale, err, echo(form));
    }
    back(event.params.slug, event.params.id, 'saved');
  },
  creators: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    try {
      await setWorkCreators(ctx, event.params.id, { creators: creatorsFromForm(form) });
    } catch (err) {
      return failWith(ctx.locale, err, echo(form));
    }
    back(event.params.slug, event.params.id, 'creatorsSaved');
  },
  publish: async (event) => {
    const ctx = await tenantFor(event);
    try {
      await publishWork(ctx, event.params.id);
    } catch (err) {
      return failWith(ctx.locale, err);
    }
    back(event.params.slug, event.params.id, 'published');
  },
  /** A photo from the phone (multipart, no JavaScript): decoded and checked by its bytes, EXIF dropped. */
  imageUpload: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    const file = form.get('photo');
    try {
      await uploadWorkImage(ctx, event.params.id, {
        data: file instanceof File ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0),
        alt: String(form.get('alt') ?? ''),
        variantId: String(form.get('variantId') ?? '')
      });
    } catch (err) {
      // No `values`: they would refill the work's edit form below, not the photo form.
      return failWith(ctx.locale, err);
    }
    back(event.params.slug, event.params.id, 'imageUploaded');
  },
  imageEdit: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    const imageId = String(form.get('imageId') ?? '');
    const move = String(form.get('move') ?? '');
    try {
      const at = Number(form.get('position') ?? 0);
      await editWorkImage(ctx, event.params.id, imageId, {
        ...(form.has('alt') ? { alt: String(form.get('alt')) } : {}),
        ...(move === 'cover' ? { cover: true } : move === 'up' ? { position: Math.max(0, at - 1) } : move === 'down' ? { position: at + 1 } : {})
      });
    } catch (err) {
      return failWith(ctx.locale, err);
    }
    back(event.params.slug, event.params.id, 'imageSaved');
  },
  imageDelete: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    try {
      await deleteWorkImage(ctx, event.params.id, String(form.get('imageId') ?? ''));
    } catch (err) {
      return failWith(ctx.locale, err);
    }
    back(event.params.slug, event.params.id, 'imageDeleted');
  },
  archive: async (event) => {
    const ctx = await tenantFor(event);
    try {
      await archiveWork(ctx, event.params.id);
    } catch (err) {
      return failWith(ctx.locale, err);
    }
    back(event.params.slug, event.params.id, 'archived');
  }
};
