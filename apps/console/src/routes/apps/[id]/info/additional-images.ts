import type { AppInfoPage_InfoFragment } from '@ring/client';

/** One entry of the ordered list: a saved asset (`assetId`) or a new file with the browser's verdict on it. */
export interface AdditionalImage {
  key: string;
  assetId?: string;
  url: string;
  file?: File;
  /** The file is still being checked. */
  checking?: boolean;
  error?: string | null;
  warning?: string | null;
}

export const imagesOf = (media: AppInfoPage_InfoFragment['media']): AdditionalImage[] =>
  media.additionalImages.map((image) => ({ key: image.id, assetId: image.id, url: image.url }));
