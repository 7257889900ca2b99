/** Storefront that sells (decision 0155): shipping, bank transfer, payment windows, buyer and producer mail. Keys under storeSell.* plus own error and field codes. */
export const sellMessages = {
  id: {
    errors: {
      ORDER_METHOD_NOT_OFFERED: 'Koperasi ini belum menyediakan cara bayar {{method}}. Pilih cara bayar lain.',
      ORDER_SHIPPING_REQUIRED: 'Pilih cara pengiriman dan isi alamat lengkap.',
      ORDER_SHIPPING_UNAVAILABLE: 'Cara pengiriman ini tidak tersedia untuk alamat tersebut. Pilih cara lain.',
      ORDER_TRACKING_REQUIRED: 'Isi nama kurir dan nomor resi pengiriman.'
    },
    fields: {
      method_not_offered: 'Cara bayar ini belum tersedia di koperasi ini.',
      shipping_required: 'Pilih cara pengiriman.',
      shipping_unavailable: 'Tidak tersedia untuk alamat ini.',
      shipping_not_offered: 'Koperasi ini tidak mengirim barang.',
      address_required: 'Isi alamat pengiriman.',
      region_invalid: 'Pilih wilayah dari daftar.',
      region_mismatch: 'Wilayah tidak sesuai dengan pilihan di atasnya.',
      region_duplicate: 'Wilayah ini sudah punya tarif.',
      tracking_no_invalid: 'Nomor resi hanya huruf, angka dan tanda hubung (4–40).',
      local_area_required: 'Pilih paling sedikit satu kabupaten/kota untuk antar sendiri.'
    },
    storeSell: {
      shipping: { pickup: 'Ambil di koperasi', local: 'Diantar koperasi', courier: 'Kurir' },
      shippingLine: 'Ongkos kirim ({{method}})',
      uniqueCode: 'Kode unik',
      free: 'Gratis',
      mail: {
        orderSubject: 'Pesanan {{orderNo}} di {{coop}}',
        orderBody: 'Terima kasih, {{name}}. Pesanan {{orderNo}} sudah kami terima.\n\nTotal: {{total}}\nCara bayar: {{method}}\n{{payBy}}\nLihat pesanan dan cara membayar:\n{{url}}',
        payBy: 'Bayar sebelum {{when}}.',
        paidSubject: 'Pembayaran {{orderNo}} diterima',
        paidBody: 'Halo {{name}},\n\npembayaran {{amount}} untuk pesanan {{orderNo}} sudah kami terima. Terima kasih!\n\nFaktur dan status pesanan:\n{{url}}',
        shippedSubject: 'Pesanan {{orderNo}} sudah dikirim',
        shippedBody: 'Halo {{name}},\n\npesanan {{orderNo}} sudah dikirim lewat {{courier}}.\nNomor resi: {{trackingNo}}\n\nStatus pesanan:\n{{url}}',
        handedSubject: 'Pesanan {{orderNo}} sudah diserahkan',
        handedBody: 'Halo {{name}},\n\npesanan {{orderNo}} sudah diserahkan. Terima kasih telah berbelanja di {{coop}}.\n\n{{url}}',
        reminderSubject: 'Pengingat: bayar pesanan {{orderNo}} sebelum {{when}}',
        reminderBody: 'Halo {{name}},\n\npesanan {{orderNo}} ({{total}}) belum dibayar dan akan dibatalkan otomatis pada {{when}}.\n\nCara membayar:\n{{url}}',
        soldSubject: 'Karya Anda terjual: {{title}}',
        soldBody: 'Halo {{name}},\n\nkarya Anda terjual lewat toko {{coop}} (pesanan {{orderNo}}):\n{{lines}}\n\nBagian Anda: {{amount}}. Saldo dan pembayaran Anda ada di menu Penjualan saya.',
        signature: '— {{coop}}'
      }
    }
  },
  en: {
    errors: {
      ORDER_METHOD_NOT_OFFERED: 'This cooperative does not offer {{method}} yet. Choose another way to pay.',
      ORDER_SHIPPING_REQUIRED: 'Choose how the goods are delivered and enter the full address.',
      ORDER_SHIPPING_UNAVAILABLE: 'This delivery option is not available for that address. Choose another one.',
      ORDER_TRACKING_REQUIRED: 'Enter the courier and the tracking number.'
    },
    fields: {
      method_not_offered: 'This way to pay is not offered by this cooperative yet.',
      shipping_required: 'Choose a delivery option.',
      shipping_unavailable: 'Not available for this address.',
      shipping_not_offered: 'This cooperative does not ship goods.',
      address_required: 'Enter the delivery address.',
      region_invalid: 'Pick the region from the list.',
      region_mismatch: 'The region does not belong to the one chosen above it.',
      region_duplicate: 'This region already has a rate.',
      tracking_no_invalid: 'A tracking number is letters, digits and dashes (4–40).',
      local_area_required: 'Pick at least one regency/city for own delivery.'
    },
    storeSell: {
      shipping: { pickup: 'Pick up at the cooperative', local: 'Delivered by the cooperative', courier: 'Courier' },
      shippingLine: 'Shipping ({{method}})',
      uniqueCode: 'Unique code',
      free: 'Free',
      mail: {
        orderSubject: 'Order {{orderNo}} at {{coop}}',
        orderBody: 'Thank you, {{name}}. We received order {{orderNo}}.\n\nTotal: {{total}}\nPayment: {{method}}\n{{payBy}}\nSee the order and how to pay:\n{{url}}',
        payBy: 'Please pay before {{when}}.',
        paidSubject: 'Payment for {{orderNo}} received',
        paidBody: 'Hello {{name}},\n\nwe received {{amount}} for order {{orderNo}}. Thank you!\n\nInvoice and order status:\n{{url}}',
        shippedSubject: 'Order {{orderNo}} has been shipped',
        shippedBody: 'Hello {{name}},\n\norder {{orderNo}} was shipped with {{courier}}.\nTracking number: {{trackingNo}}\n\nOrder status:\n{{url}}',
        handedSubject: 'Order {{orderNo}} handed over',
        handedBody: 'Hello {{name}},\n\norder {{orderNo}} has been handed over. Thank you for shopping at {{coop}}.\n\n{{url}}',
        reminderSubject: 'Reminder: pay order {{orderNo}} before {{when}}',
        reminderBody: 'Hello {{name}},\n\norder {{orderNo}} ({{total}}) is not paid yet and will be cancelled automatically at {{when}}.\n\nHow to pay:\n{{url}}',
        soldSubject: 'Your work sold: {{title}}',
        soldBody: 'Hello {{name}},\n\nyour work sold through the {{coop}} shop (order {{orderNo}}):\n{{lines}}\n\nYour share: {{amount}}. Your balance and payouts are under My sales.',
        signature: '— {{coop}}'
      }
    }
  }
} as const;
