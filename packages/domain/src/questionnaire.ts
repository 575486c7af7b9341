/**
 * The certification questionnaire: five tabs as Ring has them, the questions in our own words
 * (Ring does not publish its own). Served as data (the `questionnaire` query) so that the
 * console renders any question generically and a question can change without a console
 * release. Question and option ids are stable: they are stored with the answers and sent by
 * clients; labels are what people read.
 *
 * A question with `askedWhen` is asked only once another question of the same tab, asked
 * itself and defined earlier, has the given answer ("yes", or an option id among those
 * chosen).
 */

export const QUESTIONNAIRE_TABS = ['GENERAL', 'DATA_PROCESSING', 'AI_GOVERNANCE', 'DATA_PROTECTION', 'THIRD_PARTIES'] as const;
export type QuestionnaireTabName = (typeof QUESTIONNAIRE_TABS)[number];

export const QUESTION_KINDS = ['YES_NO', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TEXT'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface QuestionOption {
  id: string;
  label: string;
}

export interface QuestionCondition {
  questionId: string;
  value: string;
}

export interface Question {
  id: string;
  label: string;
  /** One more sentence shown under the label, or null. */
  hint: string | null;
  kind: QuestionKind;
  required: boolean;
  /** The choices: yes/no for YES_NO, the list for the choice kinds, none for TEXT. */
  options: readonly QuestionOption[];
  /** TEXT only: the most characters (as text.ts counts them). */
  maxLength: number | null;
  askedWhen: QuestionCondition | null;
}

export interface QuestionnaireTab {
  tab: QuestionnaireTabName;
  title: string;
  questions: readonly Question[];
}

export const YES = 'yes';
export const NO = 'no';
const YES_NO_OPTIONS: readonly QuestionOption[] = Object.freeze([
  { id: YES, label: 'Yes' },
  { id: NO, label: 'No' },
]);

export const SHORT_ANSWER_MAX = 200;
export const LONG_ANSWER_MAX = 1000;
export const LIST_ANSWER_MAX = 2000;

type Spec = {
  id: string;
  label: string;
  hint?: string;
  optional?: true;
  when?: [questionId: string, value: string];
} & ({ kind: 'YES_NO' } | { kind: 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE'; options: Array<[string, string]> } | { kind: 'TEXT'; maxLength: number });

function question(spec: Spec): Question {
  return Object.freeze({
    id: spec.id,
    label: spec.label,
    hint: spec.hint ?? null,
    kind: spec.kind,
    required: !spec.optional,
    options:
      spec.kind === 'YES_NO'
        ? YES_NO_OPTIONS
        : spec.kind === 'TEXT'
          ? Object.freeze([])
          : Object.freeze(spec.options.map(([id, label]) => Object.freeze({ id, label }))),
    maxLength: spec.kind === 'TEXT' ? spec.maxLength : null,
    askedWhen: spec.when ? Object.freeze({ questionId: spec.when[0], value: spec.when[1] }) : null,
  });
}

const REGIONS: Array<[string, string]> = [
  ['US', 'United States'],
  ['CANADA', 'Canada'],
  ['EU_EEA', 'European Union / EEA'],
  ['UK', 'United Kingdom'],
  ['INDIA', 'India'],
  ['OTHER', 'Elsewhere'],
];

export const QUESTIONNAIRE: readonly QuestionnaireTab[] = Object.freeze([
  {
    tab: 'GENERAL',
    title: 'General',
    questions: [
      question({
        id: 'app_purpose',
        kind: 'TEXT',
        maxLength: LONG_ANSWER_MAX,
        label: 'What does your app do with Ring data, and for whom?',
        hint: 'A few sentences a reviewer can check your listing and your test account against.',
      }),
      question({
        id: 'legal_entity_country',
        kind: 'TEXT',
        maxLength: SHORT_ANSWER_MAX,
        label: 'In which country is the company that operates the app established?',
      }),
      question({
        id: 'security_contact',
        kind: 'TEXT',
        maxLength: SHORT_ANSWER_MAX,
        label: 'Who should Ring contact about a security or privacy incident?',
        hint: 'A name or team, a role and an email address that is read every day.',
      }),
      question({ id: 'security_policy', kind: 'YES_NO', label: 'Does your company have a written information security policy that staff must follow?' }),
      question({
        id: 'security_certifications',
        kind: 'MULTIPLE_CHOICE',
        optional: true,
        when: ['security_policy', YES],
        label: 'Which independent certifications or audit reports cover the systems that run the app?',
        options: [
          ['ISO_27001', 'ISO/IEC 27001'],
          ['SOC2_TYPE_1', 'SOC 2 Type I'],
          ['SOC2_TYPE_2', 'SOC 2 Type II'],
          ['PCI_DSS', 'PCI DSS'],
          ['OTHER', 'Another certification'],
        ],
      }),
      question({
        id: 'incident_notification',
        kind: 'YES_NO',
        label: 'Will you tell Ring within 72 hours of discovering a breach that affects Ring users’ data?',
      }),
    ],
  },
  {
    tab: 'DATA_PROCESSING',
    title: 'Data processing',
    questions: [
      question({
        id: 'personal_data_categories',
        kind: 'MULTIPLE_CHOICE',
        label: 'Which kinds of Ring users’ data does your app receive or keep?',
        options: [
          ['ACCOUNT_IDENTIFIERS', 'Account identifiers (Ring account id, your own user id)'],
          ['CONTACT_DETAILS', 'Contact details (name, email, phone, address)'],
          ['DEVICE_DATA', 'Device data (models, names, status, settings)'],
          ['EVENT_METADATA', 'Event metadata (motion, dings, times)'],
          ['VIDEO_AND_IMAGES', 'Video, snapshots or thumbnails'],
          ['AUDIO', 'Audio'],
          ['LOCATION', 'Location of the home or the devices'],
        ],
      }),
      question({ id: 'processing_purposes', kind: 'TEXT', maxLength: LONG_ANSWER_MAX, label: 'What do you use each kind of data for?' }),
      question({ id: 'processing_regions', kind: 'MULTIPLE_CHOICE', label: 'Where is this data processed and stored?', options: REGIONS }),
      question({ id: 'stores_media', kind: 'YES_NO', label: 'Do you store video, snapshots or audio from Ring devices on your own systems?' }),
      question({
        id: 'media_retention',
        kind: 'SINGLE_CHOICE',
        when: ['stores_media', YES],
        label: 'How long do you keep stored video, snapshots and audio?',
        options: [
          ['UP_TO_24_HOURS', 'Up to 24 hours'],
          ['UP_TO_30_DAYS', 'Up to 30 days'],
          ['UP_TO_1_YEAR', 'Up to a year'],
          ['LONGER', 'Longer than a year'],
          ['USER_DECIDES', 'Until the user deletes it'],
        ],
      }),
      question({ id: 'sells_or_shares', kind: 'YES_NO', label: 'Do you sell Ring users’ data, or share it with others for advertising?' }),
      question({
        id: 'sharing_details',
        kind: 'TEXT',
        maxLength: LONG_ANSWER_MAX,
        when: ['sells_or_shares', YES],
        label: 'What do you share, with whom, and how do users agree to it?',
      }),
    ],
  },
  {
    tab: 'AI_GOVERNANCE',
    title: 'AI governance',
    questions: [
      question({
        id: 'uses_ai',
        kind: 'YES_NO',
        label: 'Does your app use machine learning or other AI models on data from Ring (video, audio, events)?',
      }),
      question({
        id: 'ai_purposes',
        kind: 'MULTIPLE_CHOICE',
        when: ['uses_ai', YES],
        label: 'What do the models do?',
        options: [
          ['OBJECT_DETECTION', 'Detect people, vehicles, animals or packages'],
          ['FACE_RECOGNITION', 'Recognise faces'],
          ['LICENSE_PLATES', 'Read licence plates'],
          ['AUDIO_ANALYSIS', 'Analyse speech or sounds'],
          ['SUMMARIES', 'Write summaries or descriptions (generative AI)'],
          ['ANOMALY_DETECTION', 'Spot unusual activity'],
          ['OTHER', 'Something else'],
        ],
      }),
      question({
        id: 'ai_model_source',
        kind: 'SINGLE_CHOICE',
        when: ['uses_ai', YES],
        label: 'Where do the models come from?',
        options: [
          ['IN_HOUSE', 'Built and hosted by us'],
          ['OPEN_MODEL_SELF_HOSTED', 'Open models we host ourselves'],
          ['THIRD_PARTY_SERVICE', 'A third party’s service or API'],
          ['MIXED', 'A mix of these'],
        ],
      }),
      question({
        id: 'ai_output_review',
        kind: 'SINGLE_CHOICE',
        when: ['uses_ai', YES],
        label: 'How are the models’ outputs reviewed before they affect a user?',
        options: [
          ['AUTOMATED_ONLY', 'Not reviewed: outputs are acted on automatically'],
          ['USER_CONFIRMS', 'The user sees and confirms each output'],
          ['HUMAN_REVIEW_BEFORE_ACTION', 'Our staff review outputs before anything is done'],
          ['SAMPLED_AUDITS', 'Our staff audit a sample of outputs regularly'],
        ],
      }),
      question({ id: 'ai_trains_on_user_data', kind: 'YES_NO', when: ['uses_ai', YES], label: 'Do you use Ring users’ data to train or improve models?' }),
      question({
        id: 'ai_training_opt_out',
        kind: 'YES_NO',
        when: ['ai_trains_on_user_data', YES],
        label: 'Can a user keep their data out of training, and is it off until they agree?',
      }),
      question({
        id: 'ai_disclosure',
        kind: 'TEXT',
        maxLength: LONG_ANSWER_MAX,
        when: ['uses_ai', YES],
        label: 'How do you tell users that AI is used, and what its limits are?',
      }),
    ],
  },
  {
    tab: 'DATA_PROTECTION',
    title: 'Data protection',
    questions: [
      question({ id: 'encryption_in_transit', kind: 'YES_NO', label: 'Is every connection that carries Ring users’ data encrypted with TLS 1.2 or later?' }),
      question({ id: 'encryption_at_rest', kind: 'YES_NO', label: 'Is Ring users’ data encrypted where you store it (databases, files, backups)?' }),
      question({
        id: 'key_management',
        kind: 'TEXT',
        maxLength: SHORT_ANSWER_MAX * 2,
        when: ['encryption_at_rest', YES],
        label: 'How are the encryption keys kept and who can use them?',
      }),
      question({
        id: 'access_controls',
        kind: 'MULTIPLE_CHOICE',
        label: 'Which controls protect staff access to Ring users’ data?',
        options: [
          ['MFA', 'Multi-factor authentication'],
          ['LEAST_PRIVILEGE', 'Access only for staff who need it'],
          ['ACCESS_LOGS', 'Logs of who accessed what'],
          ['ACCESS_REVIEWS', 'Regular reviews of who has access'],
        ],
      }),
      question({
        id: 'retention_and_deletion',
        kind: 'TEXT',
        maxLength: LONG_ANSWER_MAX,
        label: 'How long do you keep each kind of data, and how is it deleted?',
      }),
      question({ id: 'deletes_on_unlink', kind: 'YES_NO', label: 'When a user unlinks your app from Ring, do you delete their Ring data within 30 days?' }),
      question({
        id: 'security_testing',
        kind: 'SINGLE_CHOICE',
        label: 'How often is the app tested for security weaknesses by someone who did not build it?',
        options: [
          ['NEVER', 'Not yet'],
          ['ONCE', 'Once, before launch'],
          ['YEARLY', 'Every year'],
          ['MORE_OFTEN', 'More than once a year'],
        ],
      }),
    ],
  },
  {
    tab: 'THIRD_PARTIES',
    title: 'Third parties',
    questions: [
      question({
        id: 'uses_subprocessors',
        kind: 'YES_NO',
        label: 'Do other companies (sub-processors: hosting, support tools, AI services...) receive or store Ring users’ data for you?',
      }),
      question({
        id: 'subprocessors',
        kind: 'TEXT',
        maxLength: LIST_ANSWER_MAX,
        when: ['uses_subprocessors', YES],
        label: 'List each sub-processor, what it does for you and which data it receives.',
      }),
      question({
        id: 'subprocessor_regions',
        kind: 'MULTIPLE_CHOICE',
        when: ['uses_subprocessors', YES],
        label: 'In which countries do your sub-processors handle the data?',
        options: REGIONS,
      }),
      question({
        id: 'subprocessor_agreements',
        kind: 'YES_NO',
        when: ['uses_subprocessors', YES],
        label: 'Does each sub-processor have a written data processing agreement at least as protective as your own terms?',
      }),
      question({
        id: 'third_party_sdks',
        kind: 'TEXT',
        maxLength: LONG_ANSWER_MAX,
        optional: true,
        label: 'Which analytics, advertising or crash-reporting SDKs does the app include?',
        hint: 'Optional. Leave empty when there are none.',
      }),
    ],
  },
] satisfies QuestionnaireTab[]);

export function questionnaireTab(tab: QuestionnaireTabName): QuestionnaireTab {
  return QUESTIONNAIRE.find((entry) => entry.tab === tab)!;
}

export function isQuestionnaireTabName(value: unknown): value is QuestionnaireTabName {
  return typeof value === 'string' && (QUESTIONNAIRE_TABS as readonly string[]).includes(value);
}
