/**
 * Every `code` a FieldError (or FieldWarning) can carry, with what it means: the one list tool
 * authors can switch on. A code outside it does not compile (FieldErrorCode), and a unit test
 * checks that the code base emits no other.
 */
export const FIELD_ERROR_MEANINGS = {
  REQUIRED: 'The field has no value and needs one.',
  INVALID_TYPE: 'The value is not of the expected kind (e.g. text where a number belongs).',
  INVALID_FORMAT: 'The text is not of the required form (an email address, an https URL...).',
  INVALID_CHARACTERS: 'The text has characters the field does not allow (control characters, symbols outside the list).',
  SPACES: 'The text starts or ends with a space, or has two spaces in a row.',
  NOT_ALLOWED: 'The value is not one of the allowed ones (an unknown catalog id, an agreement not accepted).',
  INVALID: 'The value breaks the field’s rule; the message says which.',
  TOO_SHORT: 'Fewer characters than the field’s minimum.',
  TOO_LONG: 'More characters than the field’s maximum, or a video longer than allowed.',
  TOO_SMALL: 'A number below the field’s minimum.',
  TOO_BIG: 'A number above the field’s maximum.',
  TOO_FEW: 'Fewer items than the list’s minimum.',
  TOO_MANY: 'More items than the list’s maximum.',
  DUPLICATE: 'The same item is listed twice.',
  ONE_OF: 'Give exactly one of two alternatives (e.g. assetId or file).',
  TOO_MANY_CODE_POINTS: 'The text is too large in Unicode code points for its character limit.',
  TOO_MANY_BYTES: 'The text is too large in UTF-8 bytes for its character limit.',
  TOO_MANY_COMBINING_MARKS: 'One character stacks more combining marks than allowed.',
  UNSUPPORTED_TYPE: 'The file is not of an accepted type (judged from its bytes).',
  TOO_LARGE: 'The file has more bytes than allowed.',
  TOO_MANY_PIXELS: 'The image’s header claims more pixels than may be decoded.',
  NO_PIXELS: 'The image’s header claims a width or height of 0.',
  UNREADABLE: 'The file could not be decoded: damaged, or not really of its type.',
  TRUNCATED: 'The file is incomplete (cut off).',
  NO_VIDEO_TRACK: 'The MP4 file has no video track.',
  WRONG_DIMENSIONS: 'The image is not of the exact size required.',
  NOT_RECOMMENDED_SIZE: 'A warning, not an error: the image is saved but not of the recommended size.',
  UNKNOWN_DURATION: 'The video’s duration could not be read from its video track.',
  UNKNOWN_RESOLUTION: 'The video’s resolution could not be read from its video track.',
  RESOLUTION_TOO_LOW: 'The video is below the minimum resolution.',
  UNKNOWN_ASSET: 'The asset id is not one of this app’s current images.',
  UNKNOWN_MEDIA: 'An app definition names a media file that was not sent with it and is not one of this app’s current media.',
  QUOTA_EXCEEDED: 'You have as many of these as you may (e.g. apps per developer).',
  NOT_READY: 'The app is not ready for this yet: the message names the step or item still missing (e.g. Test not complete).',
  NO_WEBHOOK_URL: 'The environment has no saved webhook URL to send to.',
  LINKING_URLS_MISSING: 'The environment’s linking URLs named in the message are not saved yet, so there is nothing to check.',
  EXPIRED: 'The link or token has expired.',
  USED: 'The link or token has already been used.',
} as const satisfies Record<string, string>;

export type FieldErrorCode = keyof typeof FIELD_ERROR_MEANINGS;

export const FIELD_ERROR_CODES = Object.keys(FIELD_ERROR_MEANINGS) as FieldErrorCode[];

export function isFieldErrorCode(code: unknown): code is FieldErrorCode {
  return typeof code === 'string' && Object.hasOwn(FIELD_ERROR_MEANINGS, code);
}
