/** Words of the web pages shared across capabilities. Capability pages add theirs under their own key. */
export const webMessages = {
  id: {
    ui: {
      appName: 'Lumbung',
      tagline: 'Lumbung bersama untuk koperasi produsen budaya',
      signIn: 'Masuk',
      signOut: 'Keluar',
      identifier: 'Email atau nomor HP',
      password: 'Kata sandi',
      language: 'Bahasa',
      switchTo: 'English',
      myCoops: 'Koperasi saya',
      noCoops: 'Akun Anda belum terdaftar di koperasi mana pun.',
      publicCoops: 'Koperasi di Lumbung',
      save: 'Simpan',
      cancel: 'Batal',
      back: 'Kembali',
      search: 'Cari',
      filter: 'Saring',
      all: 'Semua',
      yes: 'Ya',
      no: 'Tidak',
      saved: 'Tersimpan.',
      notFoundTitle: 'Tidak ditemukan',
      errorTitle: 'Terjadi kesalahan',
      home: 'Beranda',
      dashboard: 'Dasbor',
      nav: { members: 'Anggota', me: 'Data saya', charter: 'Anggaran dasar', settings: 'Pengaturan', audit: 'Jejak audit' },
      roles: { anggota: 'Anggota', ketua: 'Ketua', sekretaris: 'Sekretaris', bendahara: 'Bendahara', pengawas: 'Pengawas', staf: 'Staf' }
    }
  },
  en: {
    ui: {
      appName: 'Lumbung',
      tagline: 'A shared barn for cooperatives of cultural producers',
      signIn: 'Sign in',
      signOut: 'Sign out',
      identifier: 'Email or phone number',
      password: 'Password',
      language: 'Language',
      switchTo: 'Bahasa Indonesia',
      myCoops: 'My cooperatives',
      noCoops: 'Your account does not belong to any cooperative yet.',
      publicCoops: 'Cooperatives on Lumbung',
      save: 'Save',
      cancel: 'Cancel',
      back: 'Back',
      search: 'Search',
      filter: 'Filter',
      all: 'All',
      yes: 'Yes',
      no: 'No',
      saved: 'Saved.',
      notFoundTitle: 'Not found',
      errorTitle: 'Something went wrong',
      home: 'Home',
      dashboard: 'Dashboard',
      nav: { members: 'Members', me: 'My record', charter: 'Charter', settings: 'Settings', audit: 'Audit log' },
      roles: { anggota: 'Member', ketua: 'Chair', sekretaris: 'Secretary', bendahara: 'Treasurer', pengawas: 'Supervisor', staf: 'Staff' }
    }
  }
} as const;
