/** Digital downloads messages (Indonesian default, English). */
export const downloadsMessages = {
  id: {
    errors: {
      DOWNLOAD_LINK_INVALID: 'Tautan unduhan tidak sah.',
      DOWNLOAD_LINK_EXPIRED: 'Tautan unduhan sudah kedaluwarsa. Buka lagi halaman unduhan dari email Anda untuk tautan baru.',
      DOWNLOAD_NOT_DIGITAL: 'Berkas unduhan hanya untuk karya Suara dan Aksara (e-book).'
    },
    fields: {
      file_type: 'Jenis berkas tidak didukung (MP3, M4A, AAC, OGG, FLAC, WAV, PDF, EPUB, ZIP).',
      file_too_large: 'Berkas terlalu besar (paling besar 25 MB).'
    },
    downloads: {
      title: 'Unduhan',
      download: 'Unduh',
      preview: 'Cuplikan',
      file: 'Berkas unduhan',
      licence: 'Ketentuan lisensi',
      expiresAt: 'Tautan berlaku sampai {{at}}',
      revoked: 'Hak unduh ini sudah dicabut (pesanan dikembalikan).',
      upload: 'Unggah',
      uploaded: 'Berkas disimpan.',
      none: 'Belum ada berkas.'
    }
  },
  en: {
    errors: {
      DOWNLOAD_LINK_INVALID: 'This download link is not valid.',
      DOWNLOAD_LINK_EXPIRED: 'This download link has expired. Open the download page from your email again for a fresh link.',
      DOWNLOAD_NOT_DIGITAL: 'Downloadable files are only for Suara and Aksara (e-book) works.'
    },
    fields: {
      file_type: 'Unsupported file type (MP3, M4A, AAC, OGG, FLAC, WAV, PDF, EPUB, ZIP).',
      file_too_large: 'The file is too large (25 MB at most).'
    },
    downloads: {
      title: 'Downloads',
      download: 'Download',
      preview: 'Preview',
      file: 'Download file',
      licence: 'Licence terms',
      expiresAt: 'Link valid until {{at}}',
      revoked: 'This download right was revoked (the order was refunded).',
      upload: 'Upload',
      uploaded: 'File saved.',
      none: 'No file yet.'
    }
  }
} as const;
