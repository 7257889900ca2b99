import { z } from 'zod';

/** The error body every API route may answer with. */
export const ZErrorResponse = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
  details: z.unknown().optional()
});

export const errorResponses = { 400: ZErrorResponse, 401: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse, 409: ZErrorResponse, 422: ZErrorResponse, 429: ZErrorResponse };

export const ZCoopParams = z.object({ coopId: z.uuid() });
