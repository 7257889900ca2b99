import type { App } from './types.js';
import { charterRoutes } from '../charters/routes.js';
import { accountRoutes } from '../accounts/routes.js';
import { coopRoutes } from '../coops/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { regionRoutes } from '../regions/routes.js';
import { memberRoutes } from '../members/routes.js';
import { privacyRoutes } from '../members/privacy-routes.js';
import { capitalRoutes } from '../capital/routes.js';
import { ledgerRoutes } from '../ledger/routes.js';
import { catalogueRoutes } from '../catalogue/routes.js';
import { qrisRoutes } from '../payments/qris-routes.js';
import { governanceRoutes } from '../governance/routes.js';
import { orderRoutes } from '../orders/routes.js';
import { reportRoutes } from '../reports/routes.js';
import { eventsRoutes } from '../events/routes.js';
import { downloadsRoutes } from '../downloads/routes.js';
import { mediaRoutes } from '../media/routes.js';
import { paymentProviderRoutes } from '../payments/providers/routes.js';
import { productionRoutes } from '../production/routes.js';
import { careRoutes } from '../care/routes.js';
import { networkRoutes } from '../networks/routes.js';
import { foundingRoutes } from '../founding/routes.js';
import { surplusRoutes } from '../surplus/routes.js';
import { educationRoutes } from '../education/routes.js';

/** Every capability's HTTP routes, mounted under /api/v1. One line each. */
export async function registerRoutes(api: App): Promise<void> {
  await accountRoutes(api);
  await coopRoutes(api);
  await auditRoutes(api);
  await regionRoutes(api);
  await memberRoutes(api);
  await privacyRoutes(api);
  await charterRoutes(api);
  await capitalRoutes(api);
  await ledgerRoutes(api);
  await catalogueRoutes(api);
  await qrisRoutes(api);
  await governanceRoutes(api);
  await orderRoutes(api);
  await reportRoutes(api);
  await eventsRoutes(api);
  await downloadsRoutes(api);
  await mediaRoutes(api);
  await paymentProviderRoutes(api);
  await productionRoutes(api);
  await careRoutes(api);
  await networkRoutes(api);
  await surplusRoutes(api);
  await educationRoutes(api);
  // Founding groups and onboarding (issue 20).
  await foundingRoutes(api);
}
