/** The coop menu, shared by the bar of every coop page and the folded menu on the home page. */
export type MenuLink = { href: string; label: string; show: boolean };
export type MenuGroup = { key: string; links: MenuLink[] };
type May = Record<string, boolean>;

/**
 * The coop menu in sections. To add a page, add ONE line to its section's array; a section
 * with no visible link disappears. Works without JavaScript (details/summary), fits 390 px.
 */
export function coopMenu(t: (k: string) => string, data: { coop: { slug: string }; may: May }): MenuGroup[] {
  const base = `/k/${data.coop.slug}`;
  return (
    [
      {
        key: 'members',
        links: [
          { href: `${base}/anggota`, label: t('ui.nav.members'), show: data.may.readMembers },
          { href: `${base}/simpanan`, label: t('ui.nav.capital'), show: data.may.readCapital },
          { href: `${base}/buku-administrasi`, label: t('ui.nav.books'), show: data.may.readBooks }
        ]
      },
      {
        key: 'finance',
        links: [
          { href: `${base}/buku`, label: t('ledger.nav'), show: data.may.readLedger },
          { href: `${base}/shu`, label: t('ui.nav.shu'), show: data.may.readShu },
          { href: `${base}/pembayaran`, label: t('coopNav.payouts'), show: data.may.confirmPayments || data.may.readLedger },
          { href: `${base}/kepedulian`, label: t('care.board.title'), show: data.may.readCare }
        ]
      },
      {
        key: 'business',
        links: [
          { href: `${base}/pesanan`, label: t('coopNav.orders'), show: data.may.readOrders },
          { href: `${base}/karya`, label: t('catalogue.title'), show: data.may.readCatalogue },
          { href: `/koperasi/${data.coop.slug}/toko`, label: t('coopNav.store'), show: true },
          { href: `${base}/acara`, label: t('events.title'), show: data.may.readEvents },
          { href: `${base}/produksi`, label: t('production.title'), show: data.may.readProduction },
          { href: `${base}/rekonsiliasi`, label: t('gateway.reconciliation'), show: data.may.reconcilePayments },
          { href: `${base}/jaringan`, label: t('networks.board.title'), show: data.may.readNetworks }
        ]
      },
      {
        key: 'governance',
        links: [
          { href: `${base}/rapat`, label: t('ui.nav.meetings'), show: true },
          { href: `${base}/keputusan`, label: t('ui.nav.decisions'), show: true },
          { href: `${base}/pendidikan`, label: t('education.title'), show: true },
          { href: `${base}/forum`, label: t('education.forum.menu'), show: true },
          { href: `${base}/anggaran-dasar`, label: t('ui.nav.charter'), show: true },
          { href: `${base}/laporan-rat`, label: t('ui.nav.ratReport'), show: data.may.readRatReport },
          { href: `${base}/pengaturan`, label: t('ui.nav.settings'), show: data.may.writeCoop },
          { href: `${base}/pengaturan/qris`, label: t('qris.title'), show: data.may.paymentsSettings },
          { href: `${base}/pengaturan/toko`, label: t('coopNav.storeSettings'), show: data.may.paymentsSettings },
          // Bendahara and pengawas may read the audit log without managing the settings.
          { href: `${base}/pengaturan/audit`, label: t('ui.nav.audit'), show: data.may.readAudit && !data.may.writeCoop }
        ]
      },
      {
        key: 'me',
        links: [
          { href: `${base}/saya`, label: t('ui.nav.me'), show: true },
          { href: `${base}/saya/penjualan`, label: t('coopNav.mySales'), show: true },
          { href: `${base}/saya/belajar`, label: t('education.record.mine'), show: true }
        ]
      }
    ]
      .map((g) => ({ ...g, links: (g.links as MenuLink[]).filter((l) => l.show) }))
      .filter((g) => g.links.length > 0)
  );
}
