import type { App } from './types.js';
import { accountRoutes } from '../accounts/routes.js';

/** Every capability's HTTP routes, mounted under /api/v1. One line each. */
export async function registerRoutes(api: App): Promise<void> {
  await accountRoutes(api);
}
