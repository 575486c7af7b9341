import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.ts';
import { collectUnreferenced } from '../../storage/index.ts';
import { onAppMediaReleased } from '../apps/apps.service.ts';
import { absoluteUrl } from '../../public-origin.ts';
import { mediaPath } from './media-path.ts';

// A deleted app's files go once no other app's asset shares their bytes.
onAppMediaReleased((storageKeys) => collectUnreferenced(storageKeys));

// Public; caches revalidate it, so a deleted asset stops being served.
export { mediaPath };

export const MediaAssetRef = builder.prismaObject('MediaAsset', {
  description: 'An uploaded image or video, checked from its bytes.',
  fields: (t) => ({
    id: t.id({
      description: 'A global id: pass it back in `additionalImages` to keep this image.',
      resolve: (asset) => encodeGlobalID('MediaAsset', asset.id),
    }),
    url: t.string({
      description:
        'The file’s absolute URL (on PUBLIC_URL, or else the origin the request reached): fetch it as it is, no credentials needed; caches revalidate it by its ETag.',
      resolve: (asset, _args, context) => absoluteUrl(context.request, mediaPath(asset.id)),
    }),
    contentType: t.exposeString('contentType', { description: 'The type sniffed from the file’s bytes: image/png, image/jpeg or video/mp4.' }),
    byteSize: t.exposeInt('byteSize', { description: 'Size in bytes.' }),
    width: t.exposeInt('width', { nullable: true, description: 'Width in pixels.' }),
    height: t.exposeInt('height', { nullable: true, description: 'Height in pixels.' }),
    durationMs: t.exposeInt('durationMs', { nullable: true, description: 'Duration of a video in milliseconds.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was uploaded.' }),
  }),
});
