/** Orders, payments and payouts messages (Indonesian default, English). */
export const ordersMessages = {
  id: {
    errors: {
      ORDER_NOT_FOUND: 'Pesanan tidak ditemukan.',
      ORDER_OUT_OF_STOCK: 'Stok habis: {{title}} tinggal {{available}}.',
      ORDER_TRANSITION_INVALID: 'Langkah "{{event}}" tidak diizinkan untuk pesanan berstatus "{{from}}".',
      ORDER_AMOUNT_MISMATCH: 'Jumlah pembayaran {{amount}} tidak sama dengan total pesanan {{total}}; pesanan tidak ditandai lunas.',
      ORDER_BUYER_REQUIRED: 'Isi nama pembeli dan email atau nomor HP.',
      ORDER_GATEWAY_NOT_CONFIGURED: 'Koperasi ini belum mengatur gerbang pembayaran. Pilih cara bayar lain.',
      ORDER_LINE_INVALID: 'Baris pesanan tidak valid.',
      ORDER_REFUND_EXCEEDS: 'Pengembalian dana melebihi sisa yang sudah dibayar ({{remaining}}).',
      ORDER_REFUND_CONFLICT: 'Referensi pengembalian ini sudah dipakai untuk pengembalian lain.',
      ORDER_PROOF_INVALID: 'Bukti transfer harus gambar JPEG, PNG atau WebP, paling besar 2 MB.',
      PAYOUT_EXCEEDS_BALANCE: 'Pembayaran ke produsen melebihi saldonya ({{balance}}).',
      PAYOUT_REFERENCE_CONFLICT: 'Referensi pembayaran ini sudah dipakai dengan isi yang berbeda.'
    },
    fields: {
      gateway_not_configured: 'Gerbang pembayaran belum diatur untuk koperasi ini.',
      order_variant_required: 'Pilih ukuran dan warna.',
      order_variant_not_allowed: 'Karya ini tidak punya varian.',
      order_variant_unknown: 'Varian tidak ditemukan.',
      order_work_unavailable: 'Karya tidak dijual.',
      account_no_invalid: 'Nomor rekening hanya angka (boleh dengan spasi, titik atau tanda hubung), 5–35 karakter.'
    },
    orders: {
      status: { awaiting_payment: 'Menunggu pembayaran', paid: 'Lunas', fulfilled: 'Selesai', cancelled: 'Dibatalkan', refunded: 'Dana dikembalikan' },
      method: { cash: 'Tunai', transfer: 'Transfer bank', cod: 'Bayar di tempat (COD)', qris: 'QRIS', gateway: 'Gerbang pembayaran' },
      buyerKind: { member: 'Anggota', non_member: 'Non-anggota' },
      pdf: {
        invoice: 'FAKTUR',
        correction: 'FAKTUR PENGGANTI',
        number: 'No.',
        date: 'Tanggal',
        order: 'Pesanan',
        buyer: 'Pembeli',
        item: 'Barang/jasa',
        qty: 'Jml',
        price: 'Harga',
        total: 'Jumlah',
        subtotal: 'Harga jual',
        dpp: 'DPP nilai lain (11/12)',
        ppn: 'PPN 12%',
        grandTotal: 'Total',
        paid: 'Dibayar',
        refunded: 'Dikembalikan',
        words: 'Terbilang',
        method: 'Cara bayar',
        corrects: 'Menggantikan faktur {{no}}',
        footer: 'Dibuat oleh Lumbung. Faktur yang sudah terbit tidak diubah; koreksi memakai nomor baru.'
      }
    }
  },
  en: {
    errors: {
      ORDER_NOT_FOUND: 'Order not found.',
      ORDER_OUT_OF_STOCK: 'Out of stock: only {{available}} left of {{title}}.',
      ORDER_TRANSITION_INVALID: 'Step "{{event}}" is not allowed for an order in status "{{from}}".',
      ORDER_AMOUNT_MISMATCH: 'The payment of {{amount}} differs from the order total {{total}}; the order is not marked paid.',
      ORDER_BUYER_REQUIRED: "Enter the buyer's name and an email or phone number.",
      ORDER_GATEWAY_NOT_CONFIGURED: 'This cooperative has no payment gateway set up. Choose another way to pay.',
      ORDER_LINE_INVALID: 'Invalid order line.',
      ORDER_REFUND_EXCEEDS: 'The refund exceeds what remains paid ({{remaining}}).',
      ORDER_REFUND_CONFLICT: 'This refund reference was already used for another refund.',
      ORDER_PROOF_INVALID: 'The transfer proof must be a JPEG, PNG or WebP image of at most 2 MB.',
      PAYOUT_EXCEEDS_BALANCE: "The payout exceeds the producer's balance ({{balance}}).",
      PAYOUT_REFERENCE_CONFLICT: 'This payout reference was already used with different content.'
    },
    fields: {
      gateway_not_configured: 'No payment gateway is set up for this cooperative.',
      order_variant_required: 'Choose a size and colour.',
      order_variant_not_allowed: 'This work has no variants.',
      order_variant_unknown: 'Unknown variant.',
      order_work_unavailable: 'This work is not for sale.',
      account_no_invalid: 'An account number is digits only (spaces, dots or dashes allowed), 5–35 characters.'
    },
    orders: {
      status: { awaiting_payment: 'Awaiting payment', paid: 'Paid', fulfilled: 'Fulfilled', cancelled: 'Cancelled', refunded: 'Refunded' },
      method: { cash: 'Cash', transfer: 'Bank transfer', cod: 'Cash on delivery', qris: 'QRIS', gateway: 'Payment gateway' },
      buyerKind: { member: 'Member', non_member: 'Non-member' },
      pdf: {
        invoice: 'INVOICE',
        correction: 'CORRECTED INVOICE',
        number: 'No.',
        date: 'Date',
        order: 'Order',
        buyer: 'Buyer',
        item: 'Item',
        qty: 'Qty',
        price: 'Price',
        total: 'Amount',
        subtotal: 'Selling price',
        dpp: 'Tax base (11/12)',
        ppn: 'VAT 12%',
        grandTotal: 'Total',
        paid: 'Paid',
        refunded: 'Refunded',
        words: 'In words',
        method: 'Payment method',
        corrects: 'Replaces invoice {{no}}',
        footer: 'Made with Lumbung. An issued invoice is never changed; a correction takes a new number.'
      }
    }
  }
};
