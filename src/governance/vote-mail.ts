import type { Tx } from '../db/tenant.js';
import { t } from '../kernel/i18n.js';
import type { ElectorateMember } from '../members/list-electorate.js';
import { formatLocalTime } from './model.js';
import { enqueueMail, insertVoteTokens, type DecisionRow } from './store.js';
import { coopInfo, hashToken, publicUrl, randomToken } from './support.js';

/**
 * Queue one message per member with an email, each with a fresh one-time vote link. The
 * link opens a confirmation page; only a POST with the token votes (item 19). Messages
 * never say how anyone voted (item 18).
 */
export async function queueVoteMail(trx: Tx, d: DecisionRow, members: ElectorateMember[], kind: 'voting_opened' | 'voting_reminder', dedupe: string): Promise<number> {
  const coop = await coopInfo(trx, d.coop_id);
  const closes = d.closes_at ? formatLocalTime(new Date(d.closes_at), coop.zone, 'id') : '-';
  const rows = [];
  const tokens: { coop_id: string; token_hash: string; decision_id: string; member_id: string }[] = [];
  for (const m of members) {
    if (!m.email) continue;
    const token = randomToken();
    tokens.push({ coop_id: d.coop_id, token_hash: hashToken(token), decision_id: d.id, member_id: m.memberId });
    const link = `${publicUrl()}/k/${coop.slug}/keputusan/${d.id}/pilih?token=${token}`;
    rows.push({
      coop_id: d.coop_id,
      kind,
      dedupe_key: `${dedupe}:${d.id}:${m.memberId}`,
      to_address: m.email,
      to_name: m.fullName,
      subject: t('id', `governance.mail.${kind === 'voting_opened' ? 'openedSubject' : 'reminderSubject'}`, { title: d.title, number: d.number }),
      text_body: `${t('id', 'governance.mail.greeting', { name: m.fullName })}\n\n${t('id', `governance.mail.${kind === 'voting_opened' ? 'openedBody' : 'reminderBody'}`, { coop: coop.name, title: d.title, number: d.number, closes, link })}`,
      ics: null
    });
  }
  for (let i = 0; i < tokens.length; i += 1000) await insertVoteTokens(trx, tokens.slice(i, i + 1000));
  for (let i = 0; i < rows.length; i += 500) await enqueueMail(trx, rows.slice(i, i + 500));
  return rows.length;
}
