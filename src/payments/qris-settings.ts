import { z } from 'zod';

/** The cooperative's saved static QRIS, as the settings page and API show it. */
export type QrisSettings = { staticPayload: string; merchantName: string; merchantCity: string; updatedAt: string };

export const ZSaveQrisSettingsRequest = z.strictObject({
  staticPayload: z.string().trim().min(20).max(512)
});
export type SaveQrisSettingsRequest = z.input<typeof ZSaveQrisSettingsRequest>;

export function toQrisSettings(row: { static_payload: string; merchant_name: string; merchant_city: string; updated_at: Date | string }): QrisSettings {
  return { staticPayload: row.static_payload, merchantName: row.merchant_name, merchantCity: row.merchant_city, updatedAt: new Date(row.updated_at).toISOString() };
}
