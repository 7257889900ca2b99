/** Production project messages (Indonesian default, English). */
export const productionMessages = {
  id: {
    errors: { PRODUCTION_PROJECT_NOT_FOUND: 'Proyek produksi tidak ditemukan.' },
    fields: {
      member_unknown: 'Bukan anggota koperasi ini.',
      work_unknown: 'Karya tidak dikenal di koperasi ini.',
      task_unknown: 'Tugas tidak ada di proyek ini.',
      ends_before_start: 'Tanggal selesai sebelum tanggal mulai.',
      hours_invalid: 'Tulis jam, mis. 2 atau 1,5 atau 0:45 (paling banyak 24 jam).'
    },
    production: {
      title: 'Produksi',
      projects: 'Proyek produksi',
      newProject: 'Proyek baru',
      none: 'Belum ada proyek.',
      tasks: 'Tugas',
      logs: 'Catatan kerja',
      costs: 'Biaya bahan',
      works: 'Karya yang dihasilkan',
      perMember: 'Jumlah per anggota',
      totals: 'Jumlah proyek',
      hours: 'Jam kerja',
      cost: 'Biaya',
      member: 'Anggota',
      date: 'Tanggal',
      note: 'Catatan',
      description: 'Keterangan',
      amount: 'Jumlah (Rp)',
      paidBy: 'Dibayar oleh',
      advanced: 'Biaya ditalangi',
      status: 'Status',
      add: 'Tambah',
      save: 'Simpan',
      statuses: { planned: 'Direncanakan', active: 'Berjalan', done: 'Selesai', cancelled: 'Batal', todo: 'Belum', doing: 'Dikerjakan' }
    }
  },
  en: {
    errors: { PRODUCTION_PROJECT_NOT_FOUND: 'Production project not found.' },
    fields: {
      member_unknown: 'Not a member of this cooperative.',
      work_unknown: 'Unknown work in this cooperative.',
      task_unknown: 'No such task in this project.',
      ends_before_start: 'The end date is before the start date.',
      hours_invalid: 'Write hours, e.g. 2 or 1.5 or 0:45 (24 hours at most).'
    },
    production: {
      title: 'Production',
      projects: 'Production projects',
      newProject: 'New project',
      none: 'No projects yet.',
      tasks: 'Tasks',
      logs: 'Work logs',
      costs: 'Material costs',
      works: 'Works produced',
      perMember: 'Totals per member',
      totals: 'Project totals',
      hours: 'Hours worked',
      cost: 'Cost',
      member: 'Member',
      date: 'Date',
      note: 'Note',
      description: 'Description',
      amount: 'Amount (Rp)',
      paidBy: 'Paid by',
      advanced: 'Costs advanced',
      status: 'Status',
      add: 'Add',
      save: 'Save',
      statuses: { planned: 'Planned', active: 'Active', done: 'Done', cancelled: 'Cancelled', todo: 'To do', doing: 'In progress' }
    }
  }
} as const;
