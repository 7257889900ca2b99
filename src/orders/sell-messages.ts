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
      page: {
        windowMinutes: 'Bayar dalam {{n}} menit.',
        windowDays: 'Bayar dalam {{n}} hari.',
        shippingLater: 'Ongkos kirim dihitung setelah alamat dan cara kirim dipilih.',
        delivery: 'Pengiriman',
        addressHint: 'Pilih provinsi lalu tekan Pilih, begitu seterusnya sampai kecamatan; ongkos kirim dihitung dari tujuan dan berat.',
        street: 'Jalan, nomor rumah, RT/RW, patokan',
        recipientPhone: 'HP penerima (jika beda)',
        shippingMethod: 'Cara kirim',
        pickAddressFirst: 'pilih alamat dulu / tidak tersedia',
        weight: 'Perkiraan berat: {{kg}} kg.'
      },
      order: {
        payBy: 'Bayar sebelum {{when}}; setelah itu pesanan batal otomatis.',
        transferExact: 'Transfer tepat {{amount}} ke salah satu rekening ini:',
        uniqueCodeHint: 'Termasuk kode unik {{code}} agar bendahara mengenali transfer Anda. Mohon transfer persis sampai tiga angka terakhir.',
        noAccount: 'Koperasi belum mencantumkan rekening. Hubungi koperasi (kontak di bawah).',
        delivery: 'Pengiriman',
        shipTo: 'Dikirim ke',
        shippedWith: 'Dikirim dengan {{courier}}',
        trackingNo: 'Nomor resi',
        notShippedYet: 'Belum dikirim. Nomor resi muncul di sini dan dikirim lewat email setelah barang dikirim.',
        pickupHint: 'Ambil di koperasi setelah pesanan siap.'
      },
      desk: {
        courier: 'Kurir (mis. JNE, J&T, POS)',
        trackingNo: 'Nomor resi',
        shipTo: 'Kirim ke',
        courierHint: 'Pesanan kurir: isi kurir dan nomor resi; pembeli melihatnya di halaman pesanan dan menerima email.'
      },
      settings: {
        accountsTitle: 'Rekening bank koperasi',
        accountsHelp: 'Sampai tiga rekening. Tanpa rekening, pembeli tidak bisa memilih transfer bank.',
        account: 'Rekening {{n}}',
        uniqueCode: 'Tambahkan kode unik (1–999) pada nominal transfer',
        windowsTitle: 'Batas waktu pembayaran',
        qrisMinutes: 'QRIS dan gerbang pembayaran (menit)',
        transferDays: 'Transfer bank (hari)',
        cashDays: 'Tunai dan COD (hari; kosong = tidak batal sendiri)',
        shippingTitle: 'Pengiriman barang fisik',
        shippingHelp: 'Busana, Rupa dan Aksara cetak. Tarif kurir per provinsi atau kabupaten/kota tujuan: biaya kilogram pertama + tiap kilogram berikutnya; baris "Semua wilayah lain" berlaku bila tidak ada yang lebih khusus.',
        pickup: 'Ambil di koperasi',
        local: 'Antar sendiri oleh koperasi',
        localRate: 'Tarif antar (Rp)',
        localArea: 'Wilayah antar',
        courier: 'Kurir',
        freeFrom: 'Gratis ongkir mulai belanja (Rp; kosong = tidak ada)',
        booking: 'Ongkos kirim dibukukan sebagai',
        bookingRevenue: 'pendapatan jasa koperasi',
        bookingPass: 'titipan untuk kurir (utang usaha)',
        weights: 'Berat per barang (gram)',
        rateRegion: 'Tujuan',
        anywhere: 'Semua wilayah lain',
        firstKg: 'Kg pertama (Rp)',
        nextKg: 'Kg berikutnya (Rp)',
        regencyAny: 'seluruh provinsi',
        addRateHint: 'Kosongkan tujuan untuk menghapus baris. Pilih provinsi lalu simpan untuk memilih kabupaten/kota.'
      },
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
      page: {
        windowMinutes: 'Pay within {{n}} minutes.',
        windowDays: 'Pay within {{n}} days.',
        shippingLater: 'Shipping is added once the address and delivery option are chosen.',
        delivery: 'Delivery',
        addressHint: 'Pick the province and press Choose, and so on down to the district; shipping is priced by destination and weight.',
        street: 'Street, house number, RT/RW, landmark',
        recipientPhone: "Recipient's phone (if different)",
        shippingMethod: 'Delivery option',
        pickAddressFirst: 'choose the address first / not available',
        weight: 'Estimated weight: {{kg}} kg.'
      },
      order: {
        payBy: 'Pay before {{when}}; after that the order is cancelled automatically.',
        transferExact: 'Transfer exactly {{amount}} to one of these accounts:',
        uniqueCodeHint: 'This includes the unique code {{code}} so the treasurer can recognise your transfer. Please transfer the exact amount, down to the last three digits.',
        noAccount: 'The cooperative has not listed an account. Contact the cooperative (details below).',
        delivery: 'Delivery',
        shipTo: 'Ship to',
        shippedWith: 'Shipped with {{courier}}',
        trackingNo: 'Tracking number',
        notShippedYet: 'Not shipped yet. The tracking number appears here and is emailed once the parcel is sent.',
        pickupHint: 'Pick it up at the cooperative once the order is ready.'
      },
      desk: {
        courier: 'Courier (e.g. JNE, J&T, POS)',
        trackingNo: 'Tracking number',
        shipTo: 'Ship to',
        courierHint: 'Courier orders: enter the courier and tracking number; the buyer sees them on the order page and gets an email.'
      },
      settings: {
        accountsTitle: "The cooperative's bank accounts",
        accountsHelp: 'Up to three accounts. Without an account buyers cannot choose bank transfer.',
        account: 'Account {{n}}',
        uniqueCode: 'Add a unique code (1–999) to transfer amounts',
        windowsTitle: 'Payment windows',
        qrisMinutes: 'QRIS and payment gateway (minutes)',
        transferDays: 'Bank transfer (days)',
        cashDays: 'Cash and COD (days; empty = never lapse on their own)',
        shippingTitle: 'Shipping physical goods',
        shippingHelp: 'Busana, Rupa and printed Aksara. Courier rates per destination province or regency: first kilogram + each further kilogram; the "Everywhere else" row applies when nothing more specific does.',
        pickup: 'Pick up at the cooperative',
        local: 'Own delivery by the cooperative',
        localRate: 'Delivery rate (Rp)',
        localArea: 'Delivery area',
        courier: 'Courier',
        freeFrom: 'Free shipping from a purchase of (Rp; empty = never)',
        booking: 'Book shipping as',
        bookingRevenue: "the cooperative's service income",
        bookingPass: 'held for the courier (trade payable)',
        weights: 'Weight per item (grams)',
        rateRegion: 'Destination',
        anywhere: 'Everywhere else',
        firstKg: 'First kg (Rp)',
        nextKg: 'Each further kg (Rp)',
        regencyAny: 'whole province',
        addRateHint: 'Clear the destination to remove a row. Pick a province and save to choose a regency.'
      },
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
