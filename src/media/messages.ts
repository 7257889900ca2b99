/** Work photo messages (Indonesian default, English). */
export const mediaMessages = {
  id: {
    errors: {
      MEDIA_NOT_IMAGE: 'Berkas ini bukan foto yang didukung. Kirim JPEG, PNG, WebP atau HEIC.',
      MEDIA_TOO_LARGE: 'Foto terlalu besar (paling besar {{maxMb}} MB).',
      MEDIA_TOO_SMALL: 'Foto terlalu kecil (sisi terpendek paling sedikit {{min}} piksel).',
      MEDIA_CORRUPT: 'Foto tidak dapat dibaca (berkas rusak atau terpotong). Coba kirim ulang.',
      MEDIA_HEIC_UNSUPPORTED:
        'Foto HEIC ini belum dapat dibaca server. Di iPhone pilih Pengaturan › Kamera › Format › "Paling Kompatibel", atau kirim fotonya sebagai JPEG.',
      MEDIA_TOO_MANY: 'Karya ini sudah punya foto sebanyak batasnya (12). Hapus satu dulu.',
      MEDIA_IMAGE_NOT_FOUND: 'Foto tidak ditemukan.'
    },
    media: {
      title: 'Foto karya',
      hint: 'Foto pertama menjadi sampul. JPEG, PNG, WebP atau HEIC, paling besar 9 MB. Data lokasi (EXIF) dihapus dari setiap foto.',
      file: 'Foto',
      alt: 'Keterangan foto (untuk pembaca layar)',
      altHint: 'Mis. "Kemeja batik tulis parang warna sogan, tampak depan".',
      variant: 'Foto untuk varian',
      variantNone: 'Semua varian',
      upload: 'Unggah foto',
      uploaded: 'Foto disimpan.',
      saved: 'Foto diperbarui.',
      deleted: 'Foto dihapus.',
      cover: 'Sampul',
      makeCover: 'Jadikan sampul',
      up: 'Naik',
      down: 'Turun',
      saveAlt: 'Simpan keterangan',
      delete: 'Hapus foto',
      none: 'Belum ada foto.',
      listen: 'Dengarkan cuplikan',
      sample: 'Lihat contoh halaman (PDF)',
      photos: 'Foto lain',
      openFull: 'Buka foto ukuran penuh'
    },
    share: { whatsapp: 'Bagikan ke WhatsApp' },
    eventPage: { map: 'Lihat peta', seatsLeft: 'Sisa {{count}} kursi', full: 'Kursi penuh', register: 'Daftar' },
    storeContact: {
      title: 'Hubungi {{name}}',
      hint: 'Ada pertanyaan tentang pesanan {{orderNo}}? Sebutkan nomor pesanan ini.',
      phone: 'Telepon',
      whatsapp: 'Kirim pesan WhatsApp',
      waText: 'Halo, saya ingin bertanya tentang pesanan {{orderNo}}.',
      email: 'Email'
    }
  },
  en: {
    errors: {
      MEDIA_NOT_IMAGE: 'This file is not a supported photo. Send a JPEG, PNG, WebP or HEIC.',
      MEDIA_TOO_LARGE: 'The photo is too large ({{maxMb}} MB at most).',
      MEDIA_TOO_SMALL: 'The photo is too small (the shorter side needs at least {{min}} pixels).',
      MEDIA_CORRUPT: 'The photo cannot be read (the file is damaged or cut short). Try sending it again.',
      MEDIA_HEIC_UNSUPPORTED: 'The server cannot read this HEIC photo yet. On an iPhone choose Settings › Camera › Formats › "Most Compatible", or send the photo as JPEG.',
      MEDIA_TOO_MANY: 'This work already has the most photos allowed (12). Delete one first.',
      MEDIA_IMAGE_NOT_FOUND: 'Photo not found.'
    },
    media: {
      title: 'Photos of the work',
      hint: 'The first photo is the cover. JPEG, PNG, WebP or HEIC, 9 MB at most. Location data (EXIF) is removed from every photo.',
      file: 'Photo',
      alt: 'Photo description (for screen readers)',
      altHint: 'E.g. "Hand-drawn parang batik shirt in sogan brown, front".',
      variant: 'Photo for variant',
      variantNone: 'All variants',
      upload: 'Upload photo',
      uploaded: 'Photo saved.',
      saved: 'Photo updated.',
      deleted: 'Photo deleted.',
      cover: 'Cover',
      makeCover: 'Make cover',
      up: 'Up',
      down: 'Down',
      saveAlt: 'Save description',
      delete: 'Delete photo',
      none: 'No photos yet.',
      listen: 'Listen to the preview',
      sample: 'See sample pages (PDF)',
      photos: 'More photos',
      openFull: 'Open the full-size photo'
    },
    share: { whatsapp: 'Share on WhatsApp' },
    eventPage: { map: 'See the map', seatsLeft: '{{count}} seats left', full: 'Fully booked', register: 'Register' },
    storeContact: {
      title: 'Contact {{name}}',
      hint: 'A question about order {{orderNo}}? Mention this order number.',
      phone: 'Phone',
      whatsapp: 'Send a WhatsApp message',
      waText: 'Hello, I have a question about order {{orderNo}}.',
      email: 'Email'
    }
  }
} as const;
