/** Payment gateway messages (Indonesian default, English). */
export const providerMessages = {
  id: {
    errors: {
      PAYMENT_SIGNATURE_INVALID: 'Tanda tangan notifikasi pembayaran tidak sah.',
      PAYMENT_PROVIDER_NOT_CONFIGURED: 'Gerbang pembayaran belum diatur untuk koperasi ini.'
    },
    fields: { notification_incomplete: 'Notifikasi tidak lengkap.' },
    gateway: {
      showAll: 'Tampilkan semua',
      showOpen: 'Tampilkan yang belum selesai',
      order: 'Pesanan',
      title: 'Gerbang pembayaran (Midtrans)',
      serverKey: 'Server key Midtrans',
      serverKeyHelp: 'Disimpan rahasia; yang ditampilkan hanya 4 huruf terakhir. Kosongkan untuk tetap memakai yang lama.',
      enabled: 'Aktif',
      notificationUrl: 'Alamat notifikasi (isi di dasbor Midtrans)',
      saved: 'Pengaturan gerbang pembayaran disimpan.',
      reconciliation: 'Antrean rekonsiliasi pembayaran',
      reconciliationHelp: 'Pembayaran gerbang yang jumlahnya tidak sama dengan pesanan (atau pesanannya tidak dikenal/sudah ditutup) tidak pernah menandai pesanan lunas. Periksa, lalu tandai selesai.',
      none: 'Tidak ada yang perlu direkonsiliasi.',
      expected: 'Tagihan',
      received: 'Diterima',
      reason: 'Alasan',
      resolve: 'Tandai selesai',
      note: 'Catatan',
      reasons: { amount_mismatch: 'Jumlah berbeda', unknown_order: 'Pesanan tidak dikenal', order_not_payable: 'Pesanan sudah ditutup' }
    }
  },
  en: {
    errors: {
      PAYMENT_SIGNATURE_INVALID: 'The payment notification signature is invalid.',
      PAYMENT_PROVIDER_NOT_CONFIGURED: 'No payment gateway is set up for this cooperative.'
    },
    fields: { notification_incomplete: 'Incomplete notification.' },
    gateway: {
      showAll: 'Show all',
      showOpen: 'Show open only',
      order: 'Order',
      title: 'Payment gateway (Midtrans)',
      serverKey: 'Midtrans server key',
      serverKeyHelp: 'Kept secret; only its last 4 characters are shown. Leave empty to keep the current one.',
      enabled: 'Enabled',
      notificationUrl: 'Notification URL (set it in the Midtrans dashboard)',
      saved: 'Payment gateway settings saved.',
      reconciliation: 'Payment reconciliation queue',
      reconciliationHelp: 'Gateway payments whose amount differs from the order (or whose order is unknown/closed) never mark the order paid. Check them, then mark them resolved.',
      none: 'Nothing to reconcile.',
      expected: 'Billed',
      received: 'Received',
      reason: 'Reason',
      resolve: 'Mark resolved',
      note: 'Note',
      reasons: { amount_mismatch: 'Amount differs', unknown_order: 'Unknown order', order_not_payable: 'Order already closed' }
    }
  }
} as const;
