import { type Janua, type RequestOptions, request, toAbsoluteUrl, ValidationError } from '@janua/core';

/** Input of {@link uploadAvatar}: a `Blob`/`File`, or bytes with their type. */
export interface UploadAvatarParams {
  file: Blob | ArrayBuffer | Uint8Array;
  /** Needed for bytes: `image/jpeg`, `image/png`, `image/gif` or `image/webp`. */
  contentType?: string;
  filename?: string;
}

const TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/**
 * Uploads the signed-in user's avatar (multipart, ≤ 5 MB).
 *
 * @returns The absolute URL of the image.
 * @throws {ValidationError} for another file type or a file over 5 MB (checked locally first).
 * @example
 * ```ts
 * const { profileImageUrl } = await uploadAvatar(janua, { file: input.files[0] });
 * // Node: await uploadAvatar(janua, { file: await readFile('me.png'), contentType: 'image/png' });
 * ```
 */
export async function uploadAvatar(
  janua: Janua,
  params: UploadAvatarParams,
  options: RequestOptions = {},
): Promise<{ profileImageUrl: string }> {
  const input = params?.file;
  const isBlob = typeof Blob !== 'undefined' && input instanceof Blob;
  const type = params?.contentType ?? (isBlob ? (input as Blob).type : '');
  if (!input || !TYPES.includes(type)) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: `Invalid file type: use ${TYPES.join(', ')}` });
  }
  const blob = isBlob && !params.contentType ? (input as Blob) : new Blob([input as BlobPart], { type });
  if (blob.size > 5 * 1024 * 1024)
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'File too large (max 5MB)' });
  const form = new FormData();
  form.append('file', blob, params.filename ?? `avatar.${type.split('/')[1]}`);
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/users/me/avatar',
    body: form,
    map: (wire: { profile_image_url: string }) => {
      if (typeof wire?.profile_image_url !== 'string') throw new TypeError('profile_image_url is missing');
      return { profileImageUrl: toAbsoluteUrl(wire.profile_image_url, janua) };
    },
  });
}
