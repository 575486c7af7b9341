import { error } from '@sveltejs/kit';
import { ReviewPage_SubmissionDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('review:submission');
  const result = await apiClient(fetch).query(ReviewPage_SubmissionDocument, { id: params.id }, { requestPolicy: 'network-only' }).toPromise();
  if (result.error) error(result.error.graphQLErrors[0]?.extensions?.code === 'FORBIDDEN' ? 403 : 500, 'Could not load this submission.');
  const submission = result.data?.certificationSubmission;
  if (submission?.__typename !== 'CertificationSubmission') error(404, 'No certification submission with this id.');
  return { submission, questionnaire: result.data!.questionnaire };
};
