import type { Tx } from '../db/tenant.js';
import { t } from '../kernel/i18n.js';
import { electorateIn } from '../members/list-electorate.js';
import { electorateMemberIds, enqueueMail, type DecisionRow } from './store.js';
import { coopInfo, publicUrl } from './support.js';
import type { Outcome } from './tables.js';

/** Tell the electorate the outcome (aggregate only: never who chose what). */
export async function queueResultMail(trx: Tx, d: DecisionRow, outcome: Outcome, version: number): Promise<void> {
  const people = await electorateIn(trx, d.coop_id, { memberIds: await electorateMemberIds(trx, d.coop_id, d.id) });
  const coop = await coopInfo(trx, d.coop_id);
  const link = `${publicUrl()}/k/${coop.slug}/keputusan/${d.id}`;
  const outcomeText = t('id', `governance.outcome.${outcome}`);
  await enqueueMail(
    trx,
    people
      .filter((m) => m.email)
      .map((m) => ({
        coop_id: d.coop_id,
        kind: 'result',
        dedupe_key: `result:${d.id}:${version}:${m.memberId}`,
        to_address: m.email!,
        to_name: m.fullName,
        subject: t('id', 'governance.mail.resultSubject', { title: d.title, number: d.number, outcome: outcomeText }),
        text_body: `${t('id', 'governance.mail.greeting', { name: m.fullName })}\n\n${t('id', 'governance.mail.resultBody', { coop: coop.name, title: d.title, number: d.number, outcome: outcomeText, link })}`,
        ics: null
      }))
  );
}
