import type { WorkData } from './model.js';
import type { WorkColumns } from './store.js';

/** The works row a validated request describes (slug chosen by the caller). */
export function workColumns(data: WorkData, slug: string): WorkColumns {
  const event = data.productLine === 'agenda' ? data.event : null;
  return {
    title: data.title,
    slug,
    description: data.description,
    attributes: data.attributes as Record<string, unknown>,
    public_price: data.publicPrice,
    member_price: data.memberPrice ?? null,
    starts_at: event ? new Date(event.startsAt).toISOString() : null,
    venue: event ? event.venue : null,
    capacity: event ? event.capacity : null
  };
}
