/** Words of personal data (decision 0106): errors, the "Data saya" section, erasure, the PDF. */
export const privacyMessages = {
  id: {
    errors: {
      MEMBER_ERASURE_NOT_LEFT: 'Data pribadi hanya dapat dihapus bagi yang sudah keluar, diberhentikan, atau permohonannya ditolak.',
      MEMBER_ERASURE_OBLIGATIONS: 'Data pribadi belum dapat dihapus: masih ada kewajiban terbuka ({{open}}). Selesaikan dulu.',
      MEMBER_ERASURE_NOT_REQUESTED: 'Belum ada permintaan penghapusan data dari anggota ini.',
      MEMBER_ERASED: 'Data pribadi orang ini sudah dihapus.'
    },
    privacy: {
      obligation: { capital: 'simpanan belum dikembalikan Rp{{amount}}', shuUnpaid: 'SHU belum dibayar Rp{{amount}}', producer: 'saldo hasil penjualan Rp{{amount}}', openOrders: '{{count}} pesanan belum selesai' },
      mine: 'Data saya',
      mineHint: 'Unduh semua data yang disimpan koperasi tentang Anda: data anggota, riwayat, simpanan, transaksi usaha, SHU, pesanan, kehadiran dan keikutsertaan pemungutan suara (bukan isi suara rahasia), serta catatan audit tentang Anda.',
      downloadJson: 'Unduh JSON',
      downloadPdf: 'Unduh PDF',
      erasure: 'Hapus data pribadi',
      erasureHint: 'Setelah keluar, Anda dapat meminta data pribadi Anda dihapus. Nama diganti nama samaran; NIK, tanggal lahir, alamat, HP dan surel dihapus; akun dilepas. Nomor anggota dan angka di pembukuan tetap disimpan sesuai kewajiban hukum.',
      erasureRequest: 'Minta penghapusan data',
      erasureRequested: 'Permintaan penghapusan data diterima pada {{date}}; menunggu pengurus.',
      erasureDone: 'Data pribadi sudah dihapus pada {{date}}.',
      erasureRequestedNotice: 'Permintaan penghapusan data tercatat.',
      erasureDoneNotice: 'Data pribadi anggota dihapus.',
      note: 'Catatan',
      officerRequest: 'Catat permintaan anggota',
      officerNote: 'Bagaimana permintaan diterima (mis. surat tanggal …)',
      erase: 'Hapus data pribadi sekarang',
      eraseReason: 'Alasan (wajib)',
      masked: 'NIK dan tanggal lahir disamarkan.',
      exportFull: 'Ekspor lengkap (NIK)',
      pdfTitle: 'Data pribadi yang disimpan koperasi',
      pdfIntro: 'Dibuat {{at}} atas permintaan subjek data (UU 27/2022 tentang Pelindungan Data Pribadi). Isi lengkap ada di unduhan JSON.',
      section: {
        member: 'Data anggota',
        statusHistory: 'Riwayat keanggotaan',
        capital: 'Simpanan',
        businessVolume: 'Transaksi usaha',
        shu: 'SHU',
        orders: 'Pesanan',
        payouts: 'Pembayaran ke produsen',
        governance: 'Rapat dan keputusan',
        events: 'Acara',
        workCredits: 'Karya',
        productionWork: 'Kerja produksi',
        invitations: 'Undangan akun',
        erasureRequest: 'Permintaan penghapusan',
        auditLines: 'Catatan audit tentang Anda'
      },
      rows: '{{count}} baris'
    }
  },
  en: {
    errors: {
      MEMBER_ERASURE_NOT_LEFT: 'Personal data can only be erased for people who have left, were expelled, or whose application was rejected.',
      MEMBER_ERASURE_OBLIGATIONS: 'Personal data cannot be erased yet: obligations are still open ({{open}}). Settle them first.',
      MEMBER_ERASURE_NOT_REQUESTED: 'This member has not asked for their data to be erased.',
      MEMBER_ERASED: "This person's personal data has already been erased."
    },
    privacy: {
      obligation: { capital: 'capital not yet refunded Rp{{amount}}', shuUnpaid: 'SHU not yet paid Rp{{amount}}', producer: 'producer sales balance Rp{{amount}}', openOrders: '{{count}} orders not finished' },
      mine: 'My data',
      mineHint: 'Download everything the cooperative holds about you: member record, history, capital, business, SHU, orders, attendance and voting participation (not secret ballot content), and audit lines about you.',
      downloadJson: 'Download JSON',
      downloadPdf: 'Download PDF',
      erasure: 'Erase personal data',
      erasureHint: 'After leaving you may ask for your personal data to be erased. The name becomes a pseudonym; NIK, birth date, address, phone and e-mail are removed; the account is unlinked. The member number and the amounts in the books are kept as the law requires.',
      erasureRequest: 'Ask for erasure',
      erasureRequested: 'Erasure request received on {{date}}; waiting for the board.',
      erasureDone: 'Personal data erased on {{date}}.',
      erasureRequestedNotice: 'Erasure request recorded.',
      erasureDoneNotice: "The member's personal data was erased.",
      note: 'Note',
      officerRequest: "Record the member's request",
      officerNote: 'How the request came (e.g. letter of …)',
      erase: 'Erase personal data now',
      eraseReason: 'Reason (required)',
      masked: 'NIK and birth date are masked.',
      exportFull: 'Full export (NIK)',
      pdfTitle: 'Personal data held by the cooperative',
      pdfIntro: 'Made {{at}} at the request of the data subject (Law 27/2022 on Personal Data Protection). The full content is in the JSON download.',
      section: {
        member: 'Member record',
        statusHistory: 'Membership history',
        capital: 'Capital',
        businessVolume: 'Business with the cooperative',
        shu: 'SHU',
        orders: 'Orders',
        payouts: 'Producer payouts',
        governance: 'Meetings and decisions',
        events: 'Events',
        workCredits: 'Works',
        productionWork: 'Production work',
        invitations: 'Account invitations',
        erasureRequest: 'Erasure request',
        auditLines: 'Audit lines about you'
      },
      rows: '{{count}} rows'
    }
  }
} as const;
