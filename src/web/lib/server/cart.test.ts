import { describe, expect, it } from 'vitest';
import { addLine, CART_MAX_LINES, decodeCart, encodeCart, setQuantity, lineKey } from './cart.js';

const W1 = '11111111-1111-4111-8111-111111111111';
const W2 = '22222222-2222-4222-8222-222222222222';
const V1 = '33333333-3333-4333-8333-333333333333';
const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('the cookie cart', () => {
  it('round-trips ids and quantities and nothing else', () => {
    const lines = [
      { workId: W1, variantId: V1, quantity: 2 },
      { workId: W2, variantId: null, quantity: 1 }
    ];
    expect(decodeCart(encodeCart(lines))).toEqual(lines);
    expect(JSON.parse(Buffer.from(encodeCart(lines), 'base64url').toString())).toEqual([{ w: W1, v: V1, q: 2 }, { w: W2, q: 1 }]);
  });

  it('drops prices and other keys a doctored cookie adds', () => {
    expect(decodeCart(enc([{ w: W1, q: 1, price: 1, unitPrice: 1 }]))).toEqual([{ workId: W1, variantId: null, quantity: 1 }]);
  });

  it('treats anything malformed as an empty cart', () => {
    for (const bad of [undefined, '', 'not base64 json', enc({ w: W1, q: 1 }), enc([{ w: 'x', q: 1 }]), enc([{ w: W1, q: 0 }]), enc([{ w: W1, q: 1.5 }]), enc([{ w: W1, q: 100 }]), 'a'.repeat(5000)]) {
      expect(decodeCart(bad)).toEqual([]);
    }
    expect(decodeCart(enc(Array.from({ length: CART_MAX_LINES + 1 }, () => ({ w: W1, q: 1 }))))).toEqual([]);
  });

  it('merges the same work and variant, caps quantities, removes at zero', () => {
    let cart = addLine([], { workId: W1, variantId: V1, quantity: 60 });
    cart = addLine(cart, { workId: W1, variantId: V1, quantity: 60 });
    cart = addLine(cart, { workId: W1, variantId: null, quantity: 1 });
    expect(cart).toEqual([
      { workId: W1, variantId: V1, quantity: 99 },
      { workId: W1, variantId: null, quantity: 1 }
    ]);
    cart = setQuantity(cart, lineKey({ workId: W1, variantId: V1 }), 0);
    expect(cart).toEqual([{ workId: W1, variantId: null, quantity: 1 }]);
  });
});
