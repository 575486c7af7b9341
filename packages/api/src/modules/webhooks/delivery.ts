/**
 * A webhook delivery as Ring makes it: the signed body POSTed to the saved URL through the
 * guarded partner request, and the answer judged as Ring judges it (2xx, at the saved URL).
 */
import { partnerRequest, type PartnerResponse } from '../../outbound/partner-request.ts';

export interface DeliveryOutcome {
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
  refused: boolean;
}

/** Every header a delivery sends, so the caller can record the request exactly as sent. */
export function deliveryHeaders(body: string | Buffer, headers: Record<string, string>): Record<string, string> {
  return { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'User-Agent': 'Ring-Webhooks-Test/1.0', ...headers };
}

/** Why an answer is not what Ring expects of a webhook, or null when it is (2xx). */
export function webhookAnswerProblem({ statusCode, location }: Pick<PartnerResponse, 'statusCode' | 'location'>): string | null {
  if (statusCode === null || (statusCode >= 200 && statusCode < 300)) return null;
  if (statusCode >= 300 && statusCode < 400) {
    return `Redirect not followed${location ? ` (Location: ${location})` : ''}: answer webhooks with 2xx at the saved URL.`;
  }
  return `Your endpoint answered HTTP ${statusCode}; Ring expects 200.`;
}

export async function deliver(url: string, body: string | Buffer, headers: Record<string, string>): Promise<DeliveryOutcome> {
  const response = await partnerRequest({ method: 'POST', url, headers, body });
  const { statusCode, durationMs, responseExcerpt, refused } = response;
  return { statusCode, durationMs, responseExcerpt, refused, error: response.error ?? webhookAnswerProblem(response) };
}
