import { CATALOG, type CatalogOption } from '@ring/domain';
import { builder } from '../../builder.ts';

const CatalogOptionRef = builder.objectRef<CatalogOption>('CatalogOption').implement({
  description: 'One choice of a dropdown.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The stable value to send, e.g. VIDEO_DOORBELL_4.' }),
    label: t.exposeString('label', { description: 'What people read, e.g. "Video Doorbell 4".' }),
  }),
});

const CatalogRef = builder.objectRef<typeof CATALOG>('Catalog').implement({
  description: 'The option lists of the App Information dropdowns.',
  fields: (t) => ({
    categories: t.field({ type: [CatalogOptionRef], description: 'App categories (General tab).', resolve: (catalog) => [...catalog.categories] }),
    customerTypes: t.field({
      type: [CatalogOptionRef],
      description: 'Ring customer segments (Compatibility tab).',
      resolve: (catalog) => [...catalog.customerTypes],
    }),
    supportedDevices: t.field({
      type: [CatalogOptionRef],
      description: 'Ring device models (Compatibility tab).',
      resolve: (catalog) => [...catalog.supportedDevices],
    }),
    cameraTypes: t.field({ type: [CatalogOptionRef], description: 'Ring camera types (Compatibility tab).', resolve: (catalog) => [...catalog.cameraTypes] }),
  }),
});

builder.queryField('catalog', (t) =>
  t.field({ type: CatalogRef, description: 'The option lists the App Information dropdowns offer (public).', resolve: () => CATALOG }),
);
