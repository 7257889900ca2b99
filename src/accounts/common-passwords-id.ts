/**
 * Indonesian words and phrases people commonly choose as passwords, for the strength estimator
 * (src/accounts/password-policy.ts) next to zxcvbn-ts's common and English lists.
 *
 * Source: curated by hand for Lumbung (December 2026) — everyday Indonesian words of affection,
 * secrecy and faith, patriotic words, common given names and nicknames, popular football clubs
 * and places, and keyboard-ish Indonesian phrases. It copies no leaked-password file; it is kept
 * short on purpose (the estimator also catches years, sequences, repeats and English words).
 * Add a word when you see it chosen in the field; keep it lower case, one entry per word.
 */
export const COMMON_PASSWORDS_ID: readonly string[] = [
  // affection and family
  'sayang', 'sayangku', 'sayangkamu', 'cinta', 'cintaku', 'cintakamu', 'kasih', 'kekasih', 'rindu', 'kangen',
  'pacar', 'pacarku', 'suami', 'istri', 'istriku', 'suamiku', 'mama', 'papa', 'mamah', 'papah', 'ibu', 'bapak',
  'ayah', 'bunda', 'emak', 'abah', 'anakku', 'keluarga', 'adik', 'kakak', 'sahabat', 'teman', 'bestie',
  'akusayangkamu', 'akucintakamu', 'iloveyou', 'sayangmama', 'cintaselamanya', 'selamanya',
  // secrecy and the obvious
  'rahasia', 'rahasiaku', 'rahasiadong', 'katasandi', 'sandi', 'kunci', 'masuk', 'masukaja', 'bukaaja', 'akun',
  'password', 'coba', 'cobacoba', 'tes', 'tesaja', 'lupa', 'gatau', 'gaktau', 'terserah', 'apaaja', 'bebas',
  'admin', 'administrator', 'pengurus', 'koperasi', 'anggota', 'lumbung', 'desa', 'kampung', 'warga',
  // faith
  'bismillah', 'alhamdulillah', 'subhanallah', 'allahuakbar', 'masyaallah', 'insyaallah', 'assalamualaikum',
  'amin', 'aamiin', 'tuhan', 'tuhanyesus', 'yesus', 'haleluya', 'berkah', 'barokah', 'rejeki', 'rezeki',
  'sehat', 'bahagia', 'sukses', 'semangat', 'sabar', 'ikhlas', 'syukur', 'doa', 'surga', 'malaikat',
  // country and patriotism
  'indonesia', 'indonesiaraya', 'merdeka', 'garuda', 'pancasila', 'nusantara', 'bhinneka', 'merahputih',
  'jakarta', 'bandung', 'surabaya', 'jogja', 'yogyakarta', 'semarang', 'medan', 'bali', 'makassar', 'malang',
  'solo', 'bogor', 'jawa', 'sunda', 'betawi',
  // football and fandom
  'persija', 'persib', 'persebaya', 'arema', 'aremania', 'bobotoh', 'jakmania', 'bonek', 'psis', 'pssi',
  'timnas', 'garudamuda',
  // common names and nicknames
  'budi', 'agus', 'andi', 'dewi', 'sri', 'siti', 'putri', 'putra', 'rina', 'wati', 'yanti', 'ani', 'tono',
  'joko', 'bambang', 'slamet', 'wahyu', 'rizky', 'dimas', 'fajar', 'ayu', 'nurul', 'indah', 'intan', 'mawar',
  'melati', 'bunga', 'bintang', 'bulan', 'matahari', 'pelangi', 'angin', 'hujan', 'langit', 'laut',
  // everyday words
  'kucing', 'anjing', 'monyet', 'ayam', 'bebek', 'kopi', 'nasi', 'bakso', 'sate', 'rendang', 'sambal',
  'uang', 'duit', 'kaya', 'gratis', 'rumah', 'sekolah', 'kantor', 'kerja', 'libur', 'mantap', 'mantul',
  'asik', 'asyik', 'keren', 'ganteng', 'cantik', 'manis', 'gokil', 'anjay', 'wkwkwk', 'hehehe', 'hahaha',
  'qwerty', 'asdfgh', 'zxcvbn', 'satu', 'dua', 'tiga', 'satuduatiga', 'sepuluh', 'seratus', 'seribu', 'sejuta'
];
