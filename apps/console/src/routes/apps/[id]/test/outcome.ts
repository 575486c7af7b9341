import type { TestPage_DeliveryFragment } from '@ring/client';

/** A delivery's result in a few words, for the log and the progress list. */
export function outcomeLabel(delivery: Pick<TestPage_DeliveryFragment, 'outcome' | 'statusCode'>): string {
  switch (delivery.outcome) {
    case 'SUCCEEDED':
      return `Delivered (${delivery.statusCode})`;
    case 'REFUSED':
      return 'Refused';
    case 'SENDING':
      return 'Sending…';
    default:
      return delivery.statusCode ? `Failed (HTTP ${delivery.statusCode})` : 'Failed';
  }
}
