/** The URL path a media file is served at: a draft's asset or a version's frozen copy, by its row id. */
export const mediaPath = (id: string) => `/media/${id}`;
