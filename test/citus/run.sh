#!/usr/bin/env bash
# npm run test:citus [-- files or vitest options]: the integration tests that touch the database,
# run against a Citus coordinator (decision 0110). Uses LUMBUNG_CITUS_URL when set (a running
# coordinator's DATABASE_URL); otherwise starts — or reuses — the local cluster of the shared tool
# citus-cluster (LUMBUNG_CITUS_TOOLS, else ../shared/tools or ../../shared/tools beside the repository).
# Each run migrates one template cluster database and clones it on every node per test file
# (test/support/citus.ts). With no arguments it runs the files listed below; `-- --all` runs all.
set -euo pipefail
cd "$(dirname "$0")/../.."
url=${LUMBUNG_CITUS_URL:-}
if [ -z "$url" ]; then
  tools=${LUMBUNG_CITUS_TOOLS:-}
  if [ -z "$tools" ]; then for d in ../shared/tools ../../shared/tools; do if [ -x "$d/citus-cluster" ]; then tools=$d; break; fi; done; fi
  if [ -z "$tools" ]; then echo "citus-cluster not found: set LUMBUNG_CITUS_URL or LUMBUNG_CITUS_TOOLS" >&2; exit 2; fi
  url=$("$tools/citus-cluster" start | sed -n 's/^DATABASE_URL=//p')
fi
# The files that pass on Citus today; decision 0110 lists what the others still need.
suite=(
  test/integration/citus-ready.test.ts
  test/integration/citus-tenancy.test.ts
  test/integration/tenancy.test.ts
  test/integration/auth.test.ts
  test/integration/coops.test.ts
  test/integration/members.test.ts
  test/integration/member-volume-totals.test.ts
  test/integration/ledger.test.ts
  test/integration/ledger-posting-path.test.ts
  test/integration/governance.test.ts
  test/integration/orders-flow.test.ts
  test/integration/payments-qris.test.ts
  test/integration/shu-runs.test.ts
  test/integration/charters.test.ts
  test/integration/events-capacity.test.ts
  test/integration/member-invitations.test.ts
  test/integration/governance-mail.test.ts
  test/integration/webhooks-midtrans.test.ts
  test/integration/backup.test.ts
  test/integration/downloads-entitlements.test.ts
  test/integration/shu-store.test.ts
  test/integration/production-projects.test.ts
  test/integration/networks.test.ts
  test/integration/members-concurrency.test.ts
  test/integration/capital-property.test.ts
  test/integration/ledger-api.test.ts
  test/integration/member-periods.test.ts
  test/integration/catalogue.test.ts
  test/integration/ledger-batching.test.ts
  test/integration/education.test.ts
  test/integration/personal-data.test.ts
  test/integration/api-token-lifecycle.test.ts
  test/integration/care.test.ts
  test/integration/several-servers.test.ts
  test/integration/reports-rat.test.ts
)
if [ "${1:-}" = "--all" ]; then shift; set -- test/integration "$@"; elif [ $# -eq 0 ]; then set -- "${suite[@]}"; fi
# The tests' TypeScript config extends the one svelte-kit sync writes (a fresh clone has none yet).
[ -f .svelte-kit/tsconfig.json ] || npx svelte-kit sync
echo "== Citus coordinator: $url"
DATABASE_URL=$url npx vitest run "$@"
