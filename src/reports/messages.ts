/** Year-end reports (RAT package, administration books, Ministry CSV), in Indonesian (default) and English. */
const id = {
  ui: { nav: { ratReport: 'Laporan RAT', books: 'Buku administrasi' } },
  reports: {
    total: 'Jumlah',
    totalAt: 'Jumlah per {{date}}',
    yearColumn: 'Tahun {{year}}',
    openingBalance: 'Saldo awal',
    closingBalance: 'Jumlah mutasi dan saldo akhir',
    onlineVote: 'Pemungutan suara daring (di luar rapat)',
    statementsNote: 'Lima laporan keuangan dari buku besar koperasi, dengan tahun sebelumnya di sampingnya.',
    rat: {
      coverKicker: 'Bahan Rapat Anggota Tahunan',
      title: 'Laporan Pertanggungjawaban Pengurus',
      fiscalYear: 'Tahun Buku {{year}}',
      legal: 'Badan hukum No. {{no}} tanggal {{date}}',
      period: 'Periode {{from}} s.d. {{to}}',
      generated: 'Dibuat oleh Lumbung dari data koperasi, {{at}} UTC',
      contents: 'Daftar Isi'
    },
    section: {
      accountability: 'Laporan pertanggungjawaban pengurus',
      statements: 'Laporan keuangan',
      shu: 'Pembagian SHU per anggota',
      membership: 'Data keanggotaan',
      compliance: 'Kepatuhan terhadap anggaran dasar',
      meetings: 'Rapat dan kehadiran',
      funds: 'Penggunaan dana pendidikan dan dana sosial'
    },
    sub: {
      organisation: 'Organisasi',
      board: 'Pengurus',
      supervisors: 'Pengawas',
      staff: 'Karyawan',
      membership: 'Keanggotaan',
      business: 'Usaha (pendapatan usaha per lini)',
      finance: 'Keuangan'
    },
    narrative: {
      organisation: 'Selama tahun buku ini koperasi dijalankan oleh {{board}} orang pengurus dan diawasi oleh {{supervisors}} orang pengawas, dibantu {{staff}} orang karyawan.',
      membership: 'Anggota pada awal tahun {{opening}} orang; {{joined}} orang masuk dan {{left}} orang keluar, sehingga pada akhir tahun anggota berjumlah {{total}} orang ({{women}} perempuan, {{men}} laki-laki), {{youth}} di antaranya berusia muda (16–30 tahun).',
      business: 'Pendapatan usaha tahun ini {{total}}: {{member}} dari anggota dan {{nonMember}} dari bukan anggota (tahun sebelumnya {{previous}}).',
      surplus: 'Koperasi membukukan SHU bersih {{amount}} (tahun sebelumnya {{previous}}); jumlah aset pada akhir tahun {{assets}}.',
      deficit: 'Koperasi membukukan defisit {{amount}} (SHU tahun sebelumnya {{previous}}); jumlah aset pada akhir tahun {{assets}}.',
      meetings: 'Sepanjang tahun diadakan {{count}} rapat, {{members}} di antaranya rapat anggota.'
    },
    membership: {
      opening: 'Anggota pada awal tahun',
      joined: 'Masuk selama tahun',
      left: 'Keluar selama tahun',
      total: 'Anggota pada akhir tahun',
      men: 'Laki-laki (L)',
      women: 'Perempuan (P)',
      withBirthDate: 'Anggota dengan tanggal lahir tercatat',
      youth: 'Pemuda (16–30 tahun)',
      youthNote: 'Pemuda menurut UU 40/2009 tentang Kepemudaan: usia 16–30 tahun pada akhir tahun buku, dihitung dari tanggal lahir yang tercatat. Anggota dihitung menurut tanggal masuk dan keluar.'
    },
    finance: { totalAssets: 'Jumlah aset', volume: 'Volume usaha (pendapatan usaha)', netShu: 'SHU bersih' },
    shu: {
      none: 'Belum ada perhitungan SHU yang disetujui untuk tahun buku ini.',
      summary: 'Perhitungan SHU No. {{no}} ({{status}}); SHU bagian anggota {{pool}}; keputusan rapat anggota {{decision}}.'
    },
    shuStatus: { draft: 'draf', proposed: 'diusulkan', approved: 'disetujui', posted: 'dibukukan', paid: 'dibayar', reversed: 'dibatalkan' },
    compliance: {
      noCharter: 'Koperasi belum menetapkan anggaran dasar di Lumbung.',
      asOf: 'Anggaran dasar versi {{version}}, diperiksa per {{date}}: {{pass}} terpenuhi, {{fail}} tidak terpenuhi, {{pending}} menunggu data.'
    },
    fund: { DANA_PENDIDIKAN: 'Dana pendidikan', DANA_SOSIAL: 'Dana sosial' },
    fundRow: { opening: 'Saldo awal tahun', added: 'Penambahan', used: 'Penggunaan', closing: 'Saldo akhir tahun' },
    role: { ketua: 'Ketua', sekretaris: 'Sekretaris', bendahara: 'Bendahara', pengawas: 'Pengawas', staf: 'Karyawan', anggota: 'Anggota' },
    unit: { suara: 'Suara (musik)', rupa: 'Rupa (seni rupa)', aksara: 'Aksara (buku)', busana: 'Busana', agenda: 'Agenda (acara)', general: 'Umum (tanpa unit usaha)' },
    meetingKind: { regular: 'Rapat anggota', rat: 'Rapat anggota tahunan', extraordinary: 'Rapat anggota luar biasa', founding: 'Rapat pendirian', board: 'Rapat pengurus', supervisors: 'Rapat pengawas' },
    meetingStatus: { scheduled: 'terjadwal', open: 'berlangsung', closed: 'selesai', cancelled: 'batal' },
    memberStatus: { active: 'Aktif', suspended: 'Diberhentikan sementara', resigned: 'Keluar', expelled: 'Diberhentikan', applicant: 'Pendaftar', rejected: 'Ditolak' },
    basis: { election: 'Dipilih (keputusan No. {{no}})', account_role: 'Peran akun di Lumbung' },
    outcome: { passed: 'Diterima', rejected: 'Ditolak', no_quorum: 'Tidak kuorum', consensus: 'Mufakat', elected: 'Terpilih', tie: 'Seri' },
    minutesStatus: { draft: 'Draf', approved: 'Disahkan', none: 'Belum ada' },
    col: {
      no: 'No.', memberNo: 'No. anggota', name: 'Nama', gender: 'L/P', birthDate: 'Tanggal lahir', nik: 'NIK', address: 'Alamat', occupation: 'Pekerjaan',
      joinedOn: 'Tanggal masuk', leftOn: 'Tanggal keluar', status: 'Status', office: 'Jabatan', startsOn: 'Mulai', endsOn: 'Sampai', basis: 'Dasar',
      email: 'Surel', phone: 'Telepon', pokok: 'Simpanan pokok', wajib: 'Simpanan wajib', sukarela: 'Simpanan sukarela', total: 'Jumlah',
      decisionNo: 'No. keputusan', date: 'Tanggal', meeting: 'Rapat', title: 'Judul', outcome: 'Hasil', meetingNo: 'No. rapat', meetingKind: 'Jenis rapat',
      attendance: 'Hadir', minutesStatus: 'Notulen', summary: 'Ringkasan', account: 'Akun', description: 'Uraian', ref: 'Bukti', debit: 'Masuk (debit)',
      credit: 'Keluar (kredit)', balance: 'Saldo', item: 'Barang', variant: 'Ukuran / warna', sku: 'SKU', stock: 'Stok', price: 'Harga jual', value: 'Nilai',
      figure: 'Uraian', unit: 'Lini usaha', memberIncome: 'Dari anggota', nonMemberIncome: 'Dari bukan anggota', jasaModal: 'Jasa modal', jasaUsaha: 'Jasa usaha',
      withholding: 'Potongan pajak', netPayout: 'Diterima', rule: 'Ketentuan', evidence: 'Data', decisions: 'Keputusan', amount: 'Jumlah', eligible: 'Berhak hadir', attended: 'Hadir'
    },
    book: {
      'daftar-anggota': { title: 'Buku Daftar Anggota', description: 'Setiap orang yang pernah menjadi anggota, dengan tanggal masuk dan keluar.', note: 'Dari data anggota. Berisi data pribadi: hanya untuk pengurus dan pengawas.' },
      'daftar-pengurus': { title: 'Buku Daftar Pengurus', description: 'Ketua, sekretaris dan bendahara dengan masa jabatannya.', note: 'Dari masa jabatan hasil pemilihan dan peran akun pengurus di Lumbung.' },
      'daftar-pengawas': { title: 'Buku Daftar Pengawas', description: 'Pengawas dengan masa jabatannya.', note: 'Dari masa jabatan hasil pemilihan dan peran akun pengawas di Lumbung.' },
      'daftar-karyawan': { title: 'Buku Daftar Karyawan', description: 'Orang yang memegang peran staf.', note: 'Dari akun dengan peran staf. Lumbung tidak mencatat gaji atau kontrak kerja.' },
      'simpanan-anggota': { title: 'Buku Simpanan Anggota', description: 'Saldo simpanan pokok, wajib dan sukarela setiap anggota.', note: 'Dari catatan simpanan (setiap setoran dan penarikan); saldo pada akhir tahun buku atau hari ini.' },
      'keputusan-rapat-anggota': { title: 'Buku Keputusan Rapat Anggota', description: 'Keputusan rapat anggota dan pemungutan suara anggota.', note: 'Dari keputusan yang sudah ditutup, dalam rapat anggota (termasuk RAT) atau daring.' },
      'keputusan-pengurus': { title: 'Buku Keputusan Pengurus', description: 'Keputusan yang diambil dalam rapat pengurus.', note: 'Dari keputusan yang sudah ditutup dalam rapat berjenis rapat pengurus.' },
      'notulen-rapat': { title: 'Buku Notulen Rapat', description: 'Setiap rapat dengan kehadiran dan ringkasan notulennya.', note: 'Dari rapat dan notulennya; isi lengkap notulen ada di halaman rapat.' },
      kas: { title: 'Buku Kas', description: 'Penerimaan dan pengeluaran kas dan bank setahun, dengan saldo berjalan.', note: 'Dari baris jurnal pada akun kas dan bank di buku besar.' },
      inventaris: { title: 'Buku Inventaris', description: 'Persediaan busana per ukuran dan warna.', note: 'Lumbung belum mencatat inventaris (peralatan); buku ini berisi persediaan barang busana dari katalog, stok hari ini (tidak ada riwayat stok).' }
    },
    missing: {
      tamu: { title: 'Buku Tamu', reason: 'Lumbung tidak mencatat kunjungan tamu.' },
      'saran-anjuran': { title: 'Buku Saran Anggota dan Anjuran Pejabat', reason: 'Belum ada data saran atau anjuran di Lumbung.' },
      'agenda-surat': { title: 'Buku Agenda Surat', reason: 'Lumbung tidak mencatat surat masuk dan keluar.' }
    },
    page: {
      ratTitle: 'Laporan RAT',
      ratIntro: 'Bahan Rapat Anggota Tahunan untuk satu tahun buku, dibuat langsung dari data koperasi: pertanggungjawaban pengurus, lima laporan keuangan dengan tahun sebelumnya, pembagian SHU, keanggotaan, kepatuhan anggaran dasar, rapat dan dana.',
      year: 'Tahun buku',
      show: 'Tampilkan',
      downloadPdf: 'Unduh PDF',
      downloadXlsx: 'Unduh XLSX',
      ministryTitle: 'Laporan ke Kementerian',
      ministryIntro: 'Angka untuk pelaporan tahunan ke Kementerian Koperasi atau Dinas (ODS), satu baris CSV.',
      downloadCsv: 'Unduh CSV',
      booksTitle: 'Buku administrasi koperasi',
      booksIntro: 'Buku-buku administrasi dibuat dari data yang sama — tidak ada pencatatan terpisah.',
      notGenerated: 'Tidak dibuat',
      backToBooks: 'Semua buku',
      pageOf: 'Halaman {{page}} dari {{pages}} ({{rows}} baris)',
      previous: 'Sebelumnya',
      next: 'Berikutnya',
      empty: 'Belum ada data.',
      keyFigures: 'Angka utama',
      booksLink: 'Buku administrasi'
    }
  }
};

const en: typeof id = {
  ui: { nav: { ratReport: 'Annual meeting report', books: 'Administration books' } },
  reports: {
    total: 'Total',
    totalAt: 'Total as of {{date}}',
    yearColumn: 'Year {{year}}',
    openingBalance: 'Opening balance',
    closingBalance: 'Total movements and closing balance',
    onlineVote: 'Online vote (outside a meeting)',
    statementsNote: "The five financial statements from the cooperative's ledger, with the previous year beside them.",
    rat: {
      coverKicker: "Annual members' meeting (RAT) materials",
      title: "Board's Accountability Report",
      fiscalYear: 'Fiscal year {{year}}',
      legal: 'Legal entity No. {{no}} dated {{date}}',
      period: 'Period {{from}} to {{to}}',
      generated: "Generated by Lumbung from the cooperative's data, {{at}} UTC",
      contents: 'Contents'
    },
    section: {
      accountability: "Board's accountability report",
      statements: 'Financial statements',
      shu: 'Surplus (SHU) distribution per member',
      membership: 'Membership figures',
      compliance: 'Compliance with the charter',
      meetings: 'Meetings and attendance',
      funds: 'Use of the education and social funds'
    },
    sub: {
      organisation: 'Organisation',
      board: 'Board',
      supervisors: 'Supervisors',
      staff: 'Staff',
      membership: 'Membership',
      business: 'Business (operating income per line)',
      finance: 'Finance'
    },
    narrative: {
      organisation: 'During this fiscal year the cooperative was run by {{board}} board members and supervised by {{supervisors}} supervisors, helped by {{staff}} staff.',
      membership: 'There were {{opening}} members at the start of the year; {{joined}} joined and {{left}} left, leaving {{total}} members at year end ({{women}} women, {{men}} men), {{youth}} of them young (16–30).',
      business: 'Operating income this year was {{total}}: {{member}} from members and {{nonMember}} from non-members (previous year {{previous}}).',
      surplus: 'The cooperative made a net surplus of {{amount}} (previous year {{previous}}); total assets at year end {{assets}}.',
      deficit: 'The cooperative made a deficit of {{amount}} (previous year SHU {{previous}}); total assets at year end {{assets}}.',
      meetings: '{{count}} meetings were held during the year, {{members}} of them members’ meetings.'
    },
    membership: {
      opening: 'Members at start of year',
      joined: 'Joined during the year',
      left: 'Left during the year',
      total: 'Members at year end',
      men: 'Men (L)',
      women: 'Women (P)',
      withBirthDate: 'Members with a recorded birth date',
      youth: 'Youth (16–30)',
      youthNote: 'Youth per Law 40/2009 on Youth: aged 16–30 on the last day of the fiscal year, from recorded birth dates. Members are counted by their join and leave dates.'
    },
    finance: { totalAssets: 'Total assets', volume: 'Business volume (operating income)', netShu: 'Net surplus (SHU)' },
    shu: {
      none: 'No approved SHU calculation for this fiscal year yet.',
      summary: 'SHU run No. {{no}} ({{status}}); members’ share {{pool}}; members’ meeting decision {{decision}}.'
    },
    shuStatus: { draft: 'draft', proposed: 'proposed', approved: 'approved', posted: 'posted', paid: 'paid', reversed: 'reversed' },
    compliance: {
      noCharter: 'The cooperative has not adopted a charter in Lumbung yet.',
      asOf: 'Charter version {{version}}, checked on {{date}}: {{pass}} met, {{fail}} not met, {{pending}} awaiting data.'
    },
    fund: { DANA_PENDIDIKAN: 'Education fund', DANA_SOSIAL: 'Social fund' },
    fundRow: { opening: 'Opening balance', added: 'Added', used: 'Used', closing: 'Closing balance' },
    role: { ketua: 'Chair', sekretaris: 'Secretary', bendahara: 'Treasurer', pengawas: 'Supervisor', staf: 'Staff', anggota: 'Member' },
    unit: { suara: 'Suara (music)', rupa: 'Rupa (visual art)', aksara: 'Aksara (books)', busana: 'Busana (clothing)', agenda: 'Agenda (events)', general: 'General (no business unit)' },
    meetingKind: { regular: "Members' meeting", rat: "Annual members' meeting", extraordinary: "Extraordinary members' meeting", founding: 'Founding meeting', board: 'Board meeting', supervisors: 'Supervisors’ meeting' },
    meetingStatus: { scheduled: 'scheduled', open: 'open', closed: 'closed', cancelled: 'cancelled' },
    memberStatus: { active: 'Active', suspended: 'Suspended', resigned: 'Resigned', expelled: 'Expelled', applicant: 'Applicant', rejected: 'Rejected' },
    basis: { election: 'Elected (decision No. {{no}})', account_role: 'Account role in Lumbung' },
    outcome: { passed: 'Passed', rejected: 'Rejected', no_quorum: 'No quorum', consensus: 'Consensus', elected: 'Elected', tie: 'Tie' },
    minutesStatus: { draft: 'Draft', approved: 'Approved', none: 'None yet' },
    col: {
      no: 'No.', memberNo: 'Member no.', name: 'Name', gender: 'M/F', birthDate: 'Birth date', nik: 'NIK', address: 'Address', occupation: 'Occupation',
      joinedOn: 'Joined', leftOn: 'Left', status: 'Status', office: 'Office', startsOn: 'From', endsOn: 'Until', basis: 'Basis',
      email: 'Email', phone: 'Phone', pokok: 'Simpanan pokok', wajib: 'Simpanan wajib', sukarela: 'Simpanan sukarela', total: 'Total',
      decisionNo: 'Decision no.', date: 'Date', meeting: 'Meeting', title: 'Title', outcome: 'Outcome', meetingNo: 'Meeting no.', meetingKind: 'Kind',
      attendance: 'Present', minutesStatus: 'Minutes', summary: 'Summary', account: 'Account', description: 'Description', ref: 'Reference', debit: 'In (debit)',
      credit: 'Out (credit)', balance: 'Balance', item: 'Item', variant: 'Size / colour', sku: 'SKU', stock: 'Stock', price: 'Sale price', value: 'Value',
      figure: 'Item', unit: 'Business line', memberIncome: 'From members', nonMemberIncome: 'From non-members', jasaModal: 'Capital share', jasaUsaha: 'Patronage share',
      withholding: 'Tax withheld', netPayout: 'Received', rule: 'Rule', evidence: 'Data', decisions: 'Decisions', amount: 'Amount', eligible: 'Eligible', attended: 'Present'
    },
    book: {
      'daftar-anggota': { title: 'Register of Members', description: 'Everyone who has been a member, with join and leave dates.', note: 'From the member records. Holds personal data: for officers and supervisors only.' },
      'daftar-pengurus': { title: 'Register of Board Members', description: 'Chair, secretary and treasurer with their terms.', note: 'From elected terms of office and board roles on Lumbung accounts.' },
      'daftar-pengawas': { title: 'Register of Supervisors', description: 'Supervisors with their terms.', note: 'From elected terms of office and supervisor roles on Lumbung accounts.' },
      'daftar-karyawan': { title: 'Register of Staff', description: 'People holding the staff role.', note: 'From accounts with the staff role. Lumbung keeps no salaries or contracts.' },
      'simpanan-anggota': { title: 'Members’ Capital Book', description: 'Each member’s simpanan pokok, wajib and sukarela balances.', note: 'From the capital records (every deposit and withdrawal); balances at the end of the fiscal year or today.' },
      'keputusan-rapat-anggota': { title: "Book of Members' Meeting Decisions", description: "Decisions of members' meetings and members' votes.", note: "From closed decisions, in members' meetings (the RAT included) or online." },
      'keputusan-pengurus': { title: 'Book of Board Decisions', description: 'Decisions taken in board meetings.', note: 'From closed decisions in meetings of the kind board meeting.' },
      'notulen-rapat': { title: 'Book of Meeting Minutes', description: 'Every meeting with its attendance and minutes summary.', note: 'From meetings and their minutes; the full minutes are on the meeting page.' },
      kas: { title: 'Cash Book', description: 'Cash and bank receipts and payments of a year, with a running balance.', note: 'From journal lines on the cash and bank accounts of the ledger.' },
      inventaris: { title: 'Inventory Book', description: 'Busana stock per size and colour.', note: 'Lumbung does not record equipment inventory yet; this book holds the busana goods from the catalogue, stock as of today (there is no stock history).' }
    },
    missing: {
      tamu: { title: 'Guest Book', reason: 'Lumbung does not record visits.' },
      'saran-anjuran': { title: "Book of Members' Suggestions and Officials' Recommendations", reason: 'There is no suggestion or recommendation data in Lumbung yet.' },
      'agenda-surat': { title: 'Correspondence Register', reason: 'Lumbung does not record incoming and outgoing letters.' }
    },
    page: {
      ratTitle: 'Annual meeting (RAT) report',
      ratIntro: "The annual members' meeting materials for one fiscal year, generated from the cooperative's data: the board's accountability report, the five financial statements with the previous year, the SHU distribution, membership, charter compliance, meetings and funds.",
      year: 'Fiscal year',
      show: 'Show',
      downloadPdf: 'Download PDF',
      downloadXlsx: 'Download XLSX',
      ministryTitle: 'Ministry report',
      ministryIntro: 'Figures for the annual report to the Ministry of Cooperatives or the local office (ODS), one CSV row.',
      downloadCsv: 'Download CSV',
      booksTitle: 'Administration books',
      booksIntro: 'The administration books are generated from the same data — nothing is entered twice.',
      notGenerated: 'Not generated',
      backToBooks: 'All books',
      pageOf: 'Page {{page}} of {{pages}} ({{rows}} rows)',
      previous: 'Previous',
      next: 'Next',
      empty: 'No data yet.',
      keyFigures: 'Key figures',
      booksLink: 'Administration books'
    }
  }
};

export const reportsMessages = { id, en };
