/** Words of a member's own contact form on "Saya" (issue 14 item 4). */
export const ownContactMessages = {
  id: {
    ownContact: {
      title: 'Kontak dan alamat saya',
      hint: 'Ubah sendiri nomor HP, email dan alamat Anda; pengurus memakai data ini untuk undangan rapat dan pemungutan suara. Data lain diubah oleh pengurus.',
      save: 'Simpan kontak',
      saved: 'Kontak dan alamat Anda disimpan.'
    }
  },
  en: {
    ownContact: {
      title: 'My contact details and address',
      hint: 'Change your phone, e-mail and address yourself; the board uses them for meeting notices and votes. Other details are changed by the board.',
      save: 'Save contact details',
      saved: 'Your contact details and address are saved.'
    }
  }
} as const;
