/** The image types a researcher photo may be, recognised by their first bytes. */
export type ImageType = { ext: "jpg" | "png" | "webp"; contentType: string };

/** The image type of a file from its first bytes, or null when it is not JPEG, PNG or WebP. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  const starts = (sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return { ext: "jpg", contentType: "image/jpeg" };
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { ext: "png", contentType: "image/png" };
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8))
    return { ext: "webp", contentType: "image/webp" };
  return null;
}
