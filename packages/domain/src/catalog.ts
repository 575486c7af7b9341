/**
 * The option lists behind the App Information dropdowns. Ring does not publish these, so the
 * lists are ours: ids are stable (stored and sent by clients), labels are what people read.
 */
import { z } from 'zod';

export interface CatalogOption {
  id: string;
  label: string;
}

const options = (entries: Array<[string, string]>): readonly CatalogOption[] => Object.freeze(entries.map(([id, label]) => ({ id, label })));

export const CATEGORIES = options([
  ['HOME_SECURITY', 'Home Security'],
  ['MONITORING_SERVICES', 'Professional Monitoring'],
  ['SMART_HOME', 'Smart Home & Automation'],
  ['LIGHTING', 'Lighting'],
  ['ACCESS_CONTROL', 'Access Control & Smart Locks'],
  ['PACKAGE_DELIVERY', 'Package & Delivery'],
  ['PROPERTY_MANAGEMENT', 'Property Management'],
  ['SMALL_BUSINESS', 'Small Business'],
  ['INSURANCE', 'Insurance'],
  ['ENERGY', 'Energy & Utilities'],
  ['PETS', 'Pets'],
  ['ELDER_CARE', 'Family & Elder Care'],
  ['VIDEO_ANALYTICS', 'Video Analytics & AI'],
  ['STORAGE_AND_BACKUP', 'Video Storage & Backup'],
  ['NOTIFICATIONS', 'Alerts & Notifications'],
  ['ENTERTAINMENT', 'Entertainment'],
]);

export const CUSTOMER_TYPES = options([
  ['HOMEOWNER', 'Homeowners'],
  ['RENTER', 'Renters'],
  ['LANDLORD', 'Landlords'],
  ['PROPERTY_MANAGER', 'Property managers'],
  ['SMALL_BUSINESS_OWNER', 'Small business owners'],
  ['VACATION_RENTAL_HOST', 'Vacation rental hosts'],
  ['RING_PROTECT_SUBSCRIBER', 'Ring Protect subscribers'],
  ['RING_ALARM_CUSTOMER', 'Ring Alarm customers'],
  ['FAMILY_CAREGIVER', 'Family caregivers'],
  ['PET_OWNER', 'Pet owners'],
]);

export const SUPPORTED_DEVICES = options([
  ['VIDEO_DOORBELL_WIRED', 'Video Doorbell Wired'],
  ['VIDEO_DOORBELL_2ND_GEN', 'Video Doorbell (2nd Gen)'],
  ['VIDEO_DOORBELL_3', 'Video Doorbell 3'],
  ['VIDEO_DOORBELL_3_PLUS', 'Video Doorbell 3 Plus'],
  ['VIDEO_DOORBELL_4', 'Video Doorbell 4'],
  ['VIDEO_DOORBELL_PRO', 'Video Doorbell Pro'],
  ['VIDEO_DOORBELL_PRO_2', 'Video Doorbell Pro 2'],
  ['BATTERY_DOORBELL_PLUS', 'Battery Doorbell Plus'],
  ['BATTERY_DOORBELL_PRO', 'Battery Doorbell Pro'],
  ['PEEPHOLE_CAM', 'Peephole Cam'],
  ['STICK_UP_CAM_BATTERY', 'Stick Up Cam Battery'],
  ['STICK_UP_CAM_PLUG_IN', 'Stick Up Cam Plug-In'],
  ['STICK_UP_CAM_PRO', 'Stick Up Cam Pro'],
  ['INDOOR_CAM', 'Indoor Cam'],
  ['INDOOR_CAM_2ND_GEN', 'Indoor Cam (2nd Gen)'],
  ['INDOOR_CAM_PLUS', 'Indoor Cam Plus'],
  ['PAN_TILT_INDOOR_CAM', 'Pan-Tilt Indoor Cam'],
  ['OUTDOOR_CAM_BATTERY', 'Outdoor Cam Battery'],
  ['OUTDOOR_CAM_PLUS', 'Outdoor Cam Plus'],
  ['SPOTLIGHT_CAM_BATTERY', 'Spotlight Cam Battery'],
  ['SPOTLIGHT_CAM_PLUS', 'Spotlight Cam Plus'],
  ['SPOTLIGHT_CAM_PRO', 'Spotlight Cam Pro'],
  ['FLOODLIGHT_CAM_WIRED_PLUS', 'Floodlight Cam Wired Plus'],
  ['FLOODLIGHT_CAM_WIRED_PRO', 'Floodlight Cam Wired Pro'],
  ['FLOODLIGHT_CAM_PRO_2ND_GEN', 'Floodlight Cam Pro (2nd Gen)'],
  ['ALARM_BASE_STATION', 'Alarm Base Station'],
  ['ALARM_PRO_BASE_STATION', 'Alarm Pro Base Station'],
  ['ALARM_KEYPAD', 'Alarm Keypad'],
  ['ALARM_CONTACT_SENSOR', 'Alarm Contact Sensor'],
  ['ALARM_MOTION_DETECTOR', 'Alarm Motion Detector'],
  ['SMART_LIGHTING_BRIDGE', 'Smart Lighting Bridge'],
  ['CHIME', 'Chime'],
  ['CHIME_PRO', 'Chime Pro'],
  ['INTERCOM', 'Intercom'],
]);

export const CAMERA_TYPES = options([
  ['DOORBELL', 'Doorbell'],
  ['INDOOR', 'Indoor'],
  ['OUTDOOR', 'Outdoor'],
  ['FLOODLIGHT', 'Floodlight'],
  ['SPOTLIGHT', 'Spotlight'],
  ['PEEPHOLE', 'Peephole'],
  ['PAN_TILT', 'Pan-tilt'],
]);

export const CATALOG = Object.freeze({
  categories: CATEGORIES,
  customerTypes: CUSTOMER_TYPES,
  supportedDevices: SUPPORTED_DEVICES,
  cameraTypes: CAMERA_TYPES,
});

export type CatalogList = keyof typeof CATALOG;

/**
 * A list of ids from one catalog list: each known, none repeated. Unknown ids are named in the
 * message so a tool author sees which one is wrong.
 */
export function catalogIdsSchema(list: readonly CatalogOption[], what: string) {
  const known = new Set(list.map((option) => option.id));
  return z.array(z.string()).superRefine((ids, context) => {
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length)
      context.addIssue({
        code: 'custom',
        message: `Unknown ${what}: ${unknown.slice(0, 5).join(', ')}. Choose from the catalog.`,
        params: { code: 'NOT_ALLOWED' },
      });
    if (new Set(ids).size !== ids.length) context.addIssue({ code: 'custom', message: `Each ${what} may be chosen once.`, params: { code: 'DUPLICATE' } });
  });
}

export function catalogLabel(list: readonly CatalogOption[], id: string): string {
  return list.find((option) => option.id === id)?.label ?? id;
}
