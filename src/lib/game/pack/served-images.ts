/**
 * How every served picture is encoded, the default pack's and teachers' alike, so that no two
 * pictures differ in encoder, quality or metadata: WebP at one quality and effort (the bytes are
 * reproducible), at a phone width and a full width.
 */

/** sharp's WebP options for every served picture. */
export const SERVED_WEBP = { quality: 80, effort: 6, smartSubsample: true } as const;

/** A teacher's pictures are served at these sizes, 4:3 as the default pack's scenes: phone first. */
export const TEACHER_IMAGE_SIZES = [
	{ width: 640, height: 480 },
	{ width: 1280, height: 960 }
] as const;
