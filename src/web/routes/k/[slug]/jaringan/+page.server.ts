import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '$core/kernel/permissions.js';
import type { Ctx } from '$core/kernel/context.js';
import { applyToNetwork, leaveNetwork, listCoopNetworks, listNetworks } from '$core/networks/memberships.js';
import { declareConsensus, listDecisions, statePosition } from '$core/networks/decisions.js';
import { endTrade, listTrades, payTrade, placeTradeOrder, reconcileTrades } from '$core/networks/trade.js';
import { getCityPage } from '$core/networks/city.js';

/** The board's networks page: memberships, open decisions, ordering from member coops, trades and their reconciliation. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'networks.read')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const mine = await listCoopNetworks(ctx);
  const plain: Ctx = { db: ctx.db, clock: ctx.clock, log: ctx.log, locale: ctx.locale, actor: ctx.actor };
  const active = mine.filter((m) => m.status === 'active');
  const open = [];
  const catalogue = [];
  for (const n of active) {
    for (const d of await listDecisions(plain, n.networkId)) if (d.status === 'discussion' || d.status === 'voting') open.push({ ...d, networkName: n.name });
    const city = await getCityPage(plain, n.slug);
    for (const w of city.works) if (w.coopId !== ctx.coopId) catalogue.push({ networkId: n.networkId, networkName: n.name, ...w });
  }
  return {
    mine,
    others: (await listNetworks(plain)).filter((n) => !mine.some((m) => m.networkId === n.id)),
    decisions: open,
    catalogue,
    trades: await listTrades(ctx),
    reconciliation: await reconcileTrades(ctx),
    may: { manage: can(ctx, 'networks.manage'), trade: can(ctx, 'networks.trade') },
    done: event.url.searchParams.get('selesai')
  };
};

const back = (slug: string) => redirect(303, `/k/${slug}/jaringan?selesai=1`);

export const actions: Actions = {
  apply: async (event) => {
    const ctx = await tenantFor(event);
    const v = formObject(await event.request.formData());
    try {
      await applyToNetwork(ctx, String(v.networkId ?? ''));
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    back(event.params.slug);
  },
  leave: async (event) => {
    const ctx = await tenantFor(event);
    const v = formObject(await event.request.formData());
    try {
      await leaveNetwork(ctx, String(v.networkId ?? ''), {});
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    back(event.params.slug);
  },
  position: async (event) => {
    const ctx = await tenantFor(event);
    const v = formObject(await event.request.formData());
    try {
      const plain: Ctx = { db: ctx.db, clock: ctx.clock, log: ctx.log, locale: ctx.locale, actor: ctx.actor };
      await statePosition(plain, String(v.networkId ?? ''), String(v.decisionId ?? ''), { coopId: ctx.coopId, stance: v.stance });
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    back(event.params.slug);
  },
  consensus: async (event) => {
    const ctx = await tenantFor(event);
    const v = formObject(await event.request.formData());
    try {
      const plain: Ctx = { db: ctx.db, clock: ctx.clock, log: ctx.log, locale: ctx.locale, actor: ctx.actor };
      await declareConsensus(plain, String(v.networkId ?? ''), String(v.decisionId ?? ''), { coopId: ctx.coopId });
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    back(event.params.slug);
  },
  order: async (event) => {
    const ctx = await tenantFor(event);
    const v = formObject(await event.request.formData());
    try {
      const [networkId, sellerCoopId, workId] = String(v.pick ?? '').split('|');
      await placeTradeOrder(ctx, { networkId, sellerCoopId, lines: [{ workId, quantity: Number(v.quantity) }], idempotencyKey: v.key || undefined });
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    back(event.params.slug);
  },
  trade: async (event) => {
    const ctx = await tenantFor(event);
    const v = formObject(await event.request.formData());
    try {
      const id = String(v.tradeId ?? '');
      if (v.do === 'pay') await payTrade(ctx, id);
      else await endTrade(ctx, id, v.do === 'refund' ? 'refund' : 'cancel');
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    back(event.params.slug);
  }
};
