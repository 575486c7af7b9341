import { error } from '@sveltejs/kit';
import { ReviewPage_QueueDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('review:queue');
  const after = url.searchParams.get('after');
  const result = await apiClient(fetch).query(ReviewPage_QueueDocument, { first: 50, after }, { requestPolicy: 'network-only' }).toPromise();
  const code = result.error?.graphQLErrors[0]?.extensions?.code;
  if (code === 'FORBIDDEN') error(403, 'Only certification reviewers may see the review queue.');
  if (code === 'UNAUTHENTICATED') error(401, 'Sign in to see the review queue.');
  if (result.error || !result.data?.reviewQueue) error(500, 'Could not load the review queue.');
  return { queue: result.data.reviewQueue };
};
