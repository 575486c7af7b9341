import { z } from 'zod';
import { withinTextLimit } from './validation.ts';

export const APP_NAME_MAX_LENGTH = 100;

/** The agreement a developer accepts when creating an app; its version is recorded with the acceptance. */
export const COMPLIANCE_AGREEMENT = {
  title: 'Ring Appstore Schedule to the Amazon Developer Services Agreement',
  version: '2026-01',
} as const;

export const appNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter an internal app name.')
  .superRefine(withinTextLimit('App name', APP_NAME_MAX_LENGTH, () => `App name must be at most ${APP_NAME_MAX_LENGTH} characters.`));

export const createAppSchema = z.object({
  name: appNameSchema,
  acceptCompliance: z
    .boolean()
    .refine((accepted) => accepted, { message: `You must agree to the ${COMPLIANCE_AGREEMENT.title} to create an app.`, params: { code: 'REQUIRED' } }),
});

export const renameAppSchema = z.object({ name: appNameSchema });

export interface ApiAccessGroup {
  id: string;
  title: string;
  items: string[];
}

/** The read-only standard set every app receives (custom scopes are not yet available). */
export const API_ACCESS: readonly ApiAccessGroup[] = [
  {
    id: 'LIVE_VIDEO_AND_MEDIA',
    title: 'Live Video & Media',
    items: ['Live video streaming from Ring devices', 'MP4 video downloads and clips', 'Image Download'],
  },
  {
    id: 'DEVICE_MANAGEMENT',
    title: 'Device Management',
    items: ['Metadata and information', 'Capabilities and features', 'Status (online/offline)'],
  },
  {
    id: 'CONFIGURATION_AND_SETTINGS',
    title: 'Configuration & Settings',
    items: ['Device location information', 'Device configuration settings'],
  },
];

export const API_ACCESS_NOTE = 'Custom API scopes are not yet available. All apps receive access to the standard APIs listed above.';
