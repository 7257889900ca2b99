/** Words of "Lupa kata sandi" (issue 14): the pages, the message, the field errors. */
export const passwordResetMessages = {
  id: {
    fields: {
      reset_link_invalid: 'Tautan ini tidak berlaku lagi (sudah dipakai atau lewat satu jam). Minta tautan baru.'
    },
    reset: {
      forgot: 'Lupa kata sandi?',
      title: 'Lupa kata sandi',
      intro: 'Tulis email akun Anda. Bila terdaftar, kami mengirim tautan untuk membuat kata sandi baru; tautan berlaku satu jam dan sekali pakai.',
      email: 'Email',
      send: 'Kirim tautan',
      sent: 'Bila email itu terdaftar, tautan untuk membuat kata sandi baru sudah dikirim. Periksa kotak masuk (dan folder spam).',
      phoneOnly: 'Akun yang hanya memakai nomor HP: minta pengurus koperasi Anda membantu.',
      newTitle: 'Buat kata sandi baru',
      newPassword: 'Kata sandi baru',
      newPasswordHint: 'Paling sedikit 10 karakter.',
      save: 'Simpan kata sandi',
      done: 'Kata sandi sudah diganti. Semua sesi lama sudah keluar; silakan masuk.',
      toSignIn: 'Masuk',
      again: 'Minta tautan baru',
      mailSubject: 'Lumbung: membuat kata sandi baru',
      mailBody: 'Halo {{name}},\n\nAda permintaan membuat kata sandi baru untuk akun Lumbung Anda. Buka tautan ini dalam satu jam (sekali pakai):\n\n{{link}}\n\nBila Anda tidak memintanya, abaikan pesan ini; kata sandi Anda tidak berubah.'
    }
  },
  en: {
    fields: {
      reset_link_invalid: 'This link is no longer valid (already used or older than an hour). Ask for a new one.'
    },
    reset: {
      forgot: 'Forgot your password?',
      title: 'Forgot your password',
      intro: 'Write your account’s email. If it is registered, we send a link to make a new password; the link works for one hour, once.',
      email: 'Email',
      send: 'Send the link',
      sent: 'If that email is registered, a link to make a new password has been sent. Check your inbox (and spam folder).',
      phoneOnly: 'Accounts with only a phone number: ask your cooperative’s board to help.',
      newTitle: 'Make a new password',
      newPassword: 'New password',
      newPasswordHint: 'At least 10 characters.',
      save: 'Save the password',
      done: 'Your password has been changed. Every old session is signed out; please sign in.',
      toSignIn: 'Sign in',
      again: 'Ask for a new link',
      mailSubject: 'Lumbung: make a new password',
      mailBody: 'Hello {{name}},\n\nSomeone asked to make a new password for your Lumbung account. Open this link within an hour (it works once):\n\n{{link}}\n\nIf you did not ask for it, ignore this message; your password stays as it is.'
    }
  }
} as const;
