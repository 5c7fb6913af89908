/**
 * Teacher packs' refusals and warnings in the reader's language (the editor's, or the command
 * line's): each reason code of the pack rules ($lib/game/pack/teacher, upload), of the picture
 * decoder, of the voice and video checks, of a pack zip and of a pair's look, as one plain
 * sentence.
 */
import { m } from '$lib/paraglide/messages.js';
import type {
	DetailsRefusal,
	PairRefusal,
	PairWarning,
	SingleRefusal,
	TellRefusal
} from '$lib/game/pack/teacher';
import type { ImageRefusal } from '$lib/server/packs/teacher/images';
import type { VoiceRefusal } from '$lib/server/packs/teacher/voices';
import type { VideoRefusal } from '$lib/server/packs/teacher/videos';
import type { ZipRefusal } from '$lib/server/packs/teacher/pack-zip';

export const imageRefusal: Record<ImageRefusal, () => string> = {
	empty: m.teacher_refused_empty,
	'too-large': m.teacher_refused_too_large,
	svg: m.teacher_refused_svg,
	markup: m.teacher_refused_markup,
	executable: m.teacher_refused_executable,
	archive: m.teacher_refused_archive,
	polyglot: m.teacher_refused_polyglot,
	'sound-or-video': m.teacher_refused_sound_or_video,
	'not-an-image': m.teacher_refused_not_an_image,
	'too-many-pixels': m.teacher_refused_too_many_pixels,
	'too-small': m.teacher_refused_too_small,
	'too-slow': m.teacher_refused_too_slow,
	undecodable: m.teacher_refused_undecodable
};

export const voiceRefusal: Record<VoiceRefusal, () => string> = {
	empty: m.teacher_refused_empty,
	'too-large': m.teacher_refused_voice_too_large,
	'not-ogg-opus': m.teacher_refused_voice_not_converted,
	tracks: m.teacher_refused_voice_not_converted,
	encoding: m.teacher_refused_voice_not_converted,
	'too-short': m.teacher_refused_voice_too_short,
	'too-long': m.teacher_refused_voice_too_long,
	'too-slow': m.teacher_refused_voice_too_slow,
	unreadable: m.teacher_refused_voice_undecodable
};

export const videoRefusal: Record<VideoRefusal, () => string> = {
	empty: m.teacher_refused_empty,
	'too-large': m.teacher_refused_video_too_large,
	'not-mp4': m.teacher_refused_video_not_converted,
	tracks: m.teacher_refused_video_not_converted,
	encoding: m.teacher_refused_video_not_converted,
	'too-big-picture': m.teacher_refused_video_not_converted,
	'frame-rate': m.teacher_refused_video_not_converted,
	'too-short': m.teacher_refused_video_too_short,
	'too-long': m.teacher_refused_video_too_long,
	'too-slow': m.teacher_refused_video_too_slow,
	unreadable: m.teacher_refused_video_undecodable
};

export const zipRefusal: Record<ZipRefusal, () => string> = {
	'too-large': m.teacher_zip_too_large,
	'not-a-zip': m.teacher_zip_not_a_zip,
	malformed: m.teacher_zip_malformed,
	'too-many-entries': m.teacher_zip_too_many_entries,
	'too-big-unzipped': m.teacher_zip_too_big_unzipped,
	encrypted: m.teacher_zip_encrypted,
	'unsafe-path': m.teacher_zip_unsafe_path,
	link: m.teacher_zip_link,
	'unknown-file': m.teacher_zip_unknown_file,
	'no-manifest': m.teacher_zip_no_manifest
};

export const detailsRefusal: Record<DetailsRefusal, () => string> = {
	'transcript-required': m.teacher_error_transcript,
	'made-with-kind': m.teacher_error_made_with_kind
};

export const pairRefusal: Record<PairRefusal, () => string> = {
	'missing-item': m.teacher_error_missing_item,
	'needs-real': m.teacher_error_needs_real,
	'needs-synthetic': m.teacher_error_needs_synthetic,
	'different-kinds': m.teacher_error_different_kinds,
	'topic-kind': m.teacher_error_topic_kind,
	'transcript-differs': m.teacher_error_transcript_differs,
	'already-paired': m.teacher_error_already_paired
};

export const singleRefusal: Record<SingleRefusal, () => string> = {
	'missing-item': m.teacher_error_missing_item,
	'topic-kind': m.teacher_error_single_topic,
	'already-paired': m.teacher_error_in_a_round
};

export const tellRefusal: Record<TellRefusal, () => string> = {
	'missing-item': m.teacher_error_missing_item,
	'real-item': m.teacher_error_tell_on_real,
	category: m.teacher_error_category,
	'region-kind': m.teacher_error_region_kind,
	'box-outside': m.teacher_error_box_outside,
	'outline-too-small': m.teacher_error_outline_too_small,
	'time-outside': m.teacher_error_time_outside,
	'time-too-short': m.teacher_error_time_too_short
};

/** How the fake of a pair stands out from its real partner at a glance, and what to do about it. */
export const pairWarningText: Record<PairWarning, () => string> = {
	'different-size': m.teacher_warning_different_size,
	'sound-differs': m.teacher_warning_sound_differs,
	longer: m.teacher_warning_longer,
	shorter: m.teacher_warning_shorter,
	level: m.teacher_warning_level,
	pitch: m.teacher_warning_pitch,
	background: m.teacher_warning_background,
	'lead-in': m.teacher_warning_lead_in,
	muffled: m.teacher_warning_muffled,
	sharper: m.teacher_warning_sharper,
	softer: m.teacher_warning_softer,
	noisier: m.teacher_warning_noisier,
	cleaner: m.teacher_warning_cleaner,
	brighter: m.teacher_warning_brighter,
	darker: m.teacher_warning_darker,
	'more-contrast': m.teacher_warning_more_contrast,
	'less-contrast': m.teacher_warning_less_contrast,
	'more-colourful': m.teacher_warning_more_colourful,
	'less-colourful': m.teacher_warning_less_colourful
};

/** The label of an item detail field, to name it in "… is required". */
export const detailLabel: Record<string, () => string> = {
	truth: m.teacher_field_truth,
	alt: m.teacher_field_alt,
	source: m.teacher_field_source,
	author: m.teacher_field_author,
	licence: m.teacher_field_licence,
	madeWith: m.teacher_field_made_with,
	tool: m.teacher_field_tool
};
