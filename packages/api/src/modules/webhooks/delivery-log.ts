/** The delivery log's filters as a Prisma `where` (indexed: appId with environment or eventType, newest first). */
import type { Prisma } from '@ring/db';
import { DELIVERY_IN_FLIGHT, type LinkingEnvironment, type WebhookDeliveryOutcome } from '@ring/domain';

export interface DeliveryLogFilters {
  environment?: LinkingEnvironment | null;
  eventType?: string | null;
  outcome?: WebhookDeliveryOutcome | null;
}

const NOT_2XX: Prisma.WebhookDeliveryWhereInput = { OR: [{ statusCode: { lt: 200 } }, { statusCode: { gte: 300 } }, { statusCode: null }] };

// Each mirrors deliveryOutcome in @ring/domain, in SQL.
const OUTCOME_WHERE: Record<WebhookDeliveryOutcome, Prisma.WebhookDeliveryWhereInput> = {
  SUCCEEDED: { refused: false, statusCode: { gte: 200, lt: 300 } },
  REFUSED: { refused: true },
  SENDING: { refused: false, statusCode: null, error: DELIVERY_IN_FLIGHT },
  FAILED: { refused: false, AND: [NOT_2XX, { NOT: { statusCode: null, error: DELIVERY_IN_FLIGHT } }] },
};

/** The filters alone (within an app's `webhookDeliveries` relation). */
export function deliveryLogFilterWhere(filters: DeliveryLogFilters): Prisma.WebhookDeliveryWhereInput {
  return {
    ...(filters.environment ? { environment: filters.environment } : {}),
    ...(filters.eventType ? { eventType: filters.eventType } : {}),
    ...(filters.outcome ? OUTCOME_WHERE[filters.outcome] : {}),
  };
}
