/**
 * How many apps one developer may have, and create in an hour. Read at each creation (a
 * cheap lookup) so a test can narrow them around one case; config.ts checks both at start.
 */
import { live } from '../../config.ts';

export const appQuotaPerDeveloper = live.appQuotaPerDeveloper;
export const appsCreatedPerHour = live.appsCreatedPerHour;
