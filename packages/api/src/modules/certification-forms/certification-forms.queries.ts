import { QUESTIONNAIRE } from '@ring/domain';
import { builder } from '../../builder.ts';
import { QuestionnaireRef } from './certification-forms.type.ts';

builder.queryField('questionnaire', (t) =>
  t.field({
    type: QuestionnaireRef,
    description: 'The certification questionnaire’s tabs and questions (public: the same for every app). Answers are App.questionnaireAnswers.',
    resolve: () => ({ tabs: QUESTIONNAIRE }),
  }),
);
