/**
 * A process that places and pays inter-coop trades in a loop (4 at a time) until it is killed:
 * test/fault/networks-kill.test.ts kills it with SIGKILL mid-flight. Env: DATABASE_URL, BUYER,
 * SELLER, NETWORK, WORK, ACTOR. Prints "TRADE <id>" after each committed order and payment.
 */
import pino from 'pino';
import { createDb } from '../../src/db/connection.js';
import { systemClock } from '../../src/kernel/clock.js';
import { payTrade, placeTradeOrder } from '../../src/networks/trade.js';

const { db } = createDb(process.env.DATABASE_URL!, { max: 6 });
const ctx = { db, clock: systemClock, log: pino({ level: 'silent' }), locale: 'id' as const, coopId: process.env.BUYER!, roles: ['bendahara' as const], actor: { accountId: process.env.ACTOR!, name: 'worker', isPlatformAdmin: false, via: 'session' as const } };
console.log('READY');
await Promise.all(
  [0, 1, 2, 3].map(async () => {
    for (;;) {
      const t = await placeTradeOrder(ctx, { networkId: process.env.NETWORK!, sellerCoopId: process.env.SELLER!, lines: [{ workId: process.env.WORK!, quantity: 1 }] });
      console.log(`ORDER ${t.tradeId}`);
      await payTrade(ctx, t.tradeId);
      console.log(`PAID ${t.tradeId}`);
    }
  })
);
