import type { AppInfoPage_AppQuery, AppInfoPage_InfoFragment } from '@ring/client';

/** What the App information page hands every tab; `info` and `dirty` are bound back to it. */
export interface TabProps {
  appId: string;
  info: AppInfoPage_InfoFragment;
  dirty: boolean;
}

/** A tab whose pickers offer the catalog's options. */
export interface CatalogTabProps extends TabProps {
  catalog: AppInfoPage_AppQuery['catalog'];
}
