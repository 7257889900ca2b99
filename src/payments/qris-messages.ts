/** QRIS messages (Indonesian default, English). */
export const qrisMessages = {
  id: {
    errors: {
      QRIS_INVALID: 'Isi QRIS tidak valid.',
      QRIS_NOT_CONFIGURED: 'Koperasi ini belum menyimpan QRIS statisnya.'
    },
    fields: {
      qris_format: 'Bukan isi QRIS (format tag-panjang-nilai EMVCo).',
      qris_crc: 'Kode pemeriksa (CRC, tag 63) tidak cocok: isi QRIS rusak atau terpotong.',
      qris_payload_format: 'Tag 00 harus "01" dan berada di awal.',
      qris_initiation: 'Harus QRIS statis (tag 01 = "11").',
      qris_merchant_account: 'Tidak ada informasi akun merchant (tag 26–51).',
      qris_currency: 'Mata uang harus rupiah (tag 53 = "360").',
      qris_country: 'Negara harus Indonesia (tag 58 = "ID").',
      qris_merchant_name: 'Nama merchant (tag 59) tidak ada.',
      qris_merchant_city: 'Kota merchant (tag 60) tidak ada.',
      qris_amount: 'QRIS statis tidak boleh memuat nominal (tag 54).'
    },
    qris: {
      title: 'QRIS koperasi',
      intro: 'Tempel isi QRIS statis koperasi (teks hasil pindaian QR dari bank/PJSP). Untuk setiap pesanan Lumbung membuat QRIS dinamis dengan nominal tepat.',
      payload: 'Isi QRIS statis',
      saved: 'QRIS disimpan.',
      none: 'Belum ada QRIS.',
      merchant: 'Merchant: {{name}}, {{city}}',
      preview: 'QRIS statis tersimpan',
      sample: 'Contoh QRIS dinamis {{amount}}'
    }
  },
  en: {
    errors: {
      QRIS_INVALID: 'The QRIS content is not valid.',
      QRIS_NOT_CONFIGURED: 'This cooperative has not saved its static QRIS yet.'
    },
    fields: {
      qris_format: 'Not QRIS content (EMVCo tag-length-value format).',
      qris_crc: 'The check code (CRC, tag 63) does not match: the QRIS content is damaged or cut short.',
      qris_payload_format: 'Tag 00 must be "01" and come first.',
      qris_initiation: 'Must be a static QRIS (tag 01 = "11").',
      qris_merchant_account: 'No merchant account information (tags 26–51).',
      qris_currency: 'The currency must be rupiah (tag 53 = "360").',
      qris_country: 'The country must be Indonesia (tag 58 = "ID").',
      qris_merchant_name: 'The merchant name (tag 59) is missing.',
      qris_merchant_city: 'The merchant city (tag 60) is missing.',
      qris_amount: 'A static QRIS must not carry an amount (tag 54).'
    },
    qris: {
      title: "Cooperative's QRIS",
      intro: "Paste the content of the cooperative's static QRIS (the text of the QR from its bank/PSP). For each order Lumbung makes a dynamic QRIS with the exact amount.",
      payload: 'Static QRIS content',
      saved: 'QRIS saved.',
      none: 'No QRIS yet.',
      merchant: 'Merchant: {{name}}, {{city}}',
      preview: 'Saved static QRIS',
      sample: 'Sample dynamic QRIS {{amount}}'
    }
  }
} as const;
