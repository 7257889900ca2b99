/** Words of member invitations (linking an account to a member) and of signing up. */
export const invitationMessages = {
  id: {
    errors: {
      INVITATION_INVALID: 'Tautan undangan ini tidak dikenal. Minta pengurus mengirim undangan baru.',
      INVITATION_EXPIRED: 'Tautan undangan ini sudah kedaluwarsa atau diganti undangan yang lebih baru. Minta pengurus mengirim undangan baru.',
      INVITATION_USED: 'Undangan ini sudah dipakai untuk menghubungkan sebuah akun.',
      MEMBER_ALREADY_LINKED: 'Anggota ini sudah terhubung dengan sebuah akun.',
      ACCOUNT_ALREADY_MEMBER: 'Akun Anda sudah terhubung dengan anggota lain di koperasi ini.',
      SIGN_UP_LINK_INVALID: 'Tautan pendaftaran ini tidak dikenal. Daftar lagi untuk mendapat tautan baru.',
      SIGN_UP_LINK_EXPIRED: 'Tautan pendaftaran ini sudah kedaluwarsa. Daftar lagi untuk mendapat tautan baru.',
      SIGN_UP_LINK_USED: 'Pendaftaran ini sudah selesai. Silakan masuk.'
    },
    fields: {
      email_required: 'Isi alamat surel anggota; undangan dikirim ke alamat itu.'
    },
    invitations: {
      title: 'Undangan akun',
      explain: 'Anggota ini belum punya akun. Kirim undangan ke surelnya: lewat tautan itu ia membuat akun (atau masuk) dan bisa melihat data, simpanan, dan SHU-nya sendiri.',
      linked: 'Anggota ini sudah terhubung dengan akun Lumbung.',
      emailLabel: 'Surel tujuan',
      send: 'Kirim undangan',
      sent: 'Undangan dikirim ke {{email}}. Berlaku sampai {{until}}.',
      pending: 'Undangan terakhir ke {{email}}, berlaku sampai {{until}}.',
      lapsed: 'Undangan terakhir ke {{email}} sudah tidak berlaku.',
      mailSubject: 'Undangan bergabung ke {{coop}} di Lumbung',
      mailBody:
        'Halo {{name}},\n\nPengurus {{coop}} mengundang Anda menghubungkan keanggotaan Anda dengan akun Lumbung, agar Anda bisa melihat data keanggotaan, simpanan, dan SHU Anda sendiri.\n\nBuka tautan ini (berlaku sampai {{until}}):\n{{link}}\n\nJika Anda tidak merasa menjadi anggota {{coop}}, abaikan surel ini.',
      acceptTitle: 'Undangan dari {{coop}}',
      acceptIntro: 'Undangan ini menghubungkan keanggotaan {{member}} (no. {{memberNo}}) dengan akun Lumbung.',
      acceptSignedIn: 'Anda masuk sebagai {{name}}. Hubungkan akun ini dengan keanggotaan tersebut?',
      acceptButton: 'Hubungkan akun saya',
      newAccount: 'Belum punya akun? Buat akun baru:',
      haveAccount: 'Sudah punya akun?',
      signInFirst: 'Masuk dulu',
      createButton: 'Buat akun dan hubungkan',
      done: 'Akun Anda sudah terhubung dengan keanggotaan di {{coop}}.',
      open: 'Buka halaman koperasi'
    },
    signUp: {
      title: 'Buat akun',
      intro: 'Satu akun Lumbung untuk semua koperasi Anda. Setelah itu Anda bisa mendaftar menjadi anggota koperasi.',
      name: 'Nama lengkap',
      email: 'Surel',
      phone: 'Nomor HP (boleh diisi salah satu)',
      password: 'Kata sandi (paling sedikit 10 karakter)',
      submit: 'Buat akun',
      haveAccount: 'Sudah punya akun? Masuk',
      noAccount: 'Belum punya akun? Buat akun',
      emailOrPhone: 'Dengan surel, akun dibuat setelah Anda membuka tautan yang kami kirim. Tanpa surel, akun dibuat langsung dengan nomor HP.',
      checkEmailTitle: 'Periksa surel Anda',
      checkEmail:
        'Kami mengirim surel ke {{email}}. Buka tautan di dalamnya untuk menyelesaikan pendaftaran (berlaku {{hours}} jam). Jika alamat itu sudah punya akun, surelnya berisi petunjuk untuk masuk.',
      mailSubject: 'Selesaikan pendaftaran akun Lumbung Anda',
      mailBody:
        'Halo {{name}},\n\nAlamat surel ini dipakai untuk mendaftar akun Lumbung. Untuk menyelesaikan pendaftaran, buka tautan ini (berlaku sampai {{until}}):\n{{link}}\n\nJika Anda tidak mendaftar, abaikan surel ini; tidak ada akun yang dibuat.',
      existingSubject: 'Ada yang mencoba mendaftar dengan surel Anda',
      existingBody:
        'Halo {{name}},\n\nSeseorang mencoba membuat akun Lumbung baru dengan alamat surel ini, padahal alamat ini sudah punya akun. Akun Anda tidak berubah.\n\nJika itu Anda, masuk saja di:\n{{link}}\n\nJika bukan Anda, abaikan surel ini.',
      completeTitle: 'Selesaikan pendaftaran',
      completeIntro: 'Akun Lumbung untuk {{name}} ({{email}}) siap dibuat.',
      completeButton: 'Buat akun saya'
    }
  },
  en: {
    errors: {
      INVITATION_INVALID: 'This invitation link is not known. Ask the board to send a new invitation.',
      INVITATION_EXPIRED: 'This invitation link has expired or was replaced by a newer one. Ask the board to send a new invitation.',
      INVITATION_USED: 'This invitation has already been used to link an account.',
      MEMBER_ALREADY_LINKED: 'This member is already linked to an account.',
      ACCOUNT_ALREADY_MEMBER: 'Your account is already linked to another member of this cooperative.',
      SIGN_UP_LINK_INVALID: 'This sign-up link is not known. Sign up again to get a new link.',
      SIGN_UP_LINK_EXPIRED: 'This sign-up link has expired. Sign up again to get a new link.',
      SIGN_UP_LINK_USED: 'This sign-up is already complete. Please sign in.'
    },
    fields: {
      email_required: "Enter the member's e-mail address; the invitation is sent there."
    },
    invitations: {
      title: 'Account invitation',
      explain: 'This member has no account yet. Send an invitation to their e-mail: with its link they create an account (or sign in) and can see their own data, savings and surplus share.',
      linked: 'This member is linked to a Lumbung account.',
      emailLabel: 'Send to',
      send: 'Send invitation',
      sent: 'Invitation sent to {{email}}. Valid until {{until}}.',
      pending: 'Latest invitation to {{email}}, valid until {{until}}.',
      lapsed: 'The latest invitation to {{email}} is no longer valid.',
      mailSubject: 'Invitation to join {{coop}} on Lumbung',
      mailBody:
        "Hello {{name}},\n\nThe board of {{coop}} invites you to link your membership to a Lumbung account, so you can see your own membership data, savings and surplus share.\n\nOpen this link (valid until {{until}}):\n{{link}}\n\nIf you are not a member of {{coop}}, ignore this e-mail.",
      acceptTitle: 'Invitation from {{coop}}',
      acceptIntro: 'This invitation links the membership of {{member}} (no. {{memberNo}}) to a Lumbung account.',
      acceptSignedIn: 'You are signed in as {{name}}. Link this account to that membership?',
      acceptButton: 'Link my account',
      newAccount: 'No account yet? Create one:',
      haveAccount: 'Already have an account?',
      signInFirst: 'Sign in first',
      createButton: 'Create account and link',
      done: 'Your account is now linked to your membership of {{coop}}.',
      open: "Open the cooperative's page"
    },
    signUp: {
      title: 'Create an account',
      intro: 'One Lumbung account for all your cooperatives. Then you can apply to join a cooperative.',
      name: 'Full name',
      email: 'E-mail',
      phone: 'Mobile number (either one will do)',
      password: 'Password (at least 10 characters)',
      submit: 'Create account',
      haveAccount: 'Have an account? Sign in',
      noAccount: 'No account yet? Create one',
      emailOrPhone: 'With an e-mail address, the account is created once you open the link we send. Without one, it is created at once with the mobile number.',
      checkEmailTitle: 'Check your e-mail',
      checkEmail:
        'We sent an e-mail to {{email}}. Open the link in it to finish signing up (valid for {{hours}} hours). If that address already has an account, the e-mail tells you how to sign in.',
      mailSubject: 'Finish creating your Lumbung account',
      mailBody:
        'Hello {{name}},\n\nThis e-mail address was used to sign up for a Lumbung account. To finish, open this link (valid until {{until}}):\n{{link}}\n\nIf you did not sign up, ignore this e-mail; no account is created.',
      existingSubject: 'Someone tried to sign up with your e-mail',
      existingBody:
        'Hello {{name}},\n\nSomeone tried to create a new Lumbung account with this e-mail address, which already has an account. Your account has not changed.\n\nIf it was you, just sign in at:\n{{link}}\n\nIf it was not you, ignore this e-mail.',
      completeTitle: 'Finish signing up',
      completeIntro: 'The Lumbung account for {{name}} ({{email}}) is ready to be created.',
      completeButton: 'Create my account'
    }
  }
} as const;
