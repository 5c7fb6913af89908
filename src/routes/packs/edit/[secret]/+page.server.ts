import { error, fail, redirect } from '@sveltejs/kit';
import * as z from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { localizeHref } from '$lib/paraglide/runtime.js';
import {
	MADE_WITH_CHOICES,
	TEACHER_TOPICS,
	detailsRefusal,
	itemDetailsSchema,
	itemSeconds,
	itemsInRounds,
	pairRefusal,
	pairWarnings,
	pointsOfField,
	readiness,
	sentLook,
	singleRefusal,
	teacherTellSchema,
	tellRefusal,
	type Draft
} from '$lib/game/pack/teacher';
import { SNIFF_BYTES, sniffMedia } from '$lib/game/pack/sniff';
import { categoriesForKind } from '$lib/game/pack/taxonomy';
import { DAY_MS } from '$lib/server/store/retention';
import { teacherPackTtlDays } from '$lib/server/config';
import { teacherPacks, type TeacherPackRecord } from '$lib/server/packs/teacher/store';
import { processImage } from '$lib/server/packs/teacher/images';
import { processVoice } from '$lib/server/packs/teacher/voices';
import { processVideo } from '$lib/server/packs/teacher/videos';
import { limits } from '$lib/server/class/limits';
import { formFields, readForm } from '$lib/server/http/request-body';
import {
	detailLabel,
	detailsRefusal as detailsWords,
	imageRefusal,
	pairRefusal as pairWords,
	singleRefusal as singleWords,
	tellRefusal as tellWords,
	videoRefusal,
	voiceRefusal
} from '$lib/i18n/teacher-refusals';
import type { Actions, PageServerLoad } from './$types';

/** The pack behind the editor link, or a 404 that says only that there is none. */
async function editorPack(secret: string): Promise<TeacherPackRecord> {
	const record = await teacherPacks().byEditor(secret);
	if (!record) error(404, m.teacher_error_no_pack());
	return record;
}

export const load: PageServerLoad = async ({ params, url }) => {
	const record = await editorPack(params.secret);
	const inRounds = itemsInRounds(record.draft);
	const mediaHref = (src: string) =>
		`/packs/edit/${params.secret}/media/${src.slice('media/'.length)}`;
	const ttlDays = teacherPackTtlDays();
	return {
		id: record.id,
		title: record.draft.title,
		language: record.draft.language,
		created: url.searchParams.has('created'),
		version: record.version,
		expiresAt: new Date(record.activeAt + ttlDays * DAY_MS).toISOString(),
		ttlDays,
		readiness: readiness(record.draft),
		madeWith: MADE_WITH_CHOICES,
		topics: TEACHER_TOPICS,
		categories: {
			image: categoriesForKind('image'),
			audio: categoriesForKind('audio'),
			video: categoriesForKind('video')
		},
		items: record.draft.items.map((item) => ({
			id: item.id,
			kind: item.kind,
			details: item.details,
			tells: item.tells,
			seconds: itemSeconds(item),
			width: item.media[0].width,
			height: item.media[0].height,
			thumb: mediaHref(item.media[0].src),
			full: mediaHref(item.media[item.media.length - 1].src),
			/** A video imported from a zip, whose look the editor's script measures once. */
			unmeasured: item.kind === 'video' && !item.look,
			paired: record.draft.pairs.some(
				(pair) => pair.real === item.id || pair.synthetic === item.id
			),
			/** In a pair or a single: the round forms offer only items in neither. */
			inRound: inRounds.has(item.id)
		})),
		singles: record.draft.singles,
		pairs: record.draft.pairs.map((pair) => {
			const item = (id: string) => record.draft.items.find((candidate) => candidate.id === id);
			const [real, fake] = [item(pair.real), item(pair.synthetic)];
			return { ...pair, warnings: real && fake ? pairWarnings(real, fake) : [] };
		})
	};
};

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : undefined;
};

/** The first problem of an item's details, in words. */
function detailsProblem(issues: z.core.$ZodIssue[]): string {
	const issue = issues[0];
	if (issue.message === 'truth-mismatch') return m.teacher_error_made_with_truth();
	if (issue.message === 'tool-required') return m.teacher_error_tool();
	const field = detailLabel[String(issue.path[0])];
	return m.teacher_error_field({ field: field ? field() : String(issue.path[0]) });
}

const pairForm = z.object({
	real: z.string(),
	synthetic: z.string(),
	tier: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2), z.literal(3)])),
	topic: z.enum(TEACHER_TOPICS)
});

const singleForm = z.object({
	item: z.string(),
	tier: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2), z.literal(3)])),
	topic: z.enum(TEACHER_TOPICS)
});

const tellForm = z.object({
	item: z.string(),
	index: z.union([z.literal(''), z.coerce.number().int().nonnegative()]),
	tell: teacherTellSchema
});

/**
 * A tell's region as the form sends it: a box or outline on a picture, a time range on a voice,
 * a time range on a video with a box on its picture when the teacher marked one.
 */
function regionFields(form: FormData) {
	const region = text(form, 'region');
	const box = {
		x: unit(text(form, 'x')),
		y: unit(text(form, 'y')),
		w: unit(text(form, 'w')),
		h: unit(text(form, 'h'))
	};
	if (region === 'time') {
		return {
			type: 'time',
			start: unit(text(form, 'start')),
			end: unit(text(form, 'end')),
			...(text(form, 'box') === 'yes' ? { box } : {})
		};
	}
	if (region === 'polygon') {
		return { type: 'polygon', points: pointsOfField(text(form, 'points') ?? '') };
	}
	return { type: 'box', ...box };
}

const unit = (value: string | undefined) => (value === undefined ? undefined : Number(value));

/** The pack behind the editor link of an action, or null (each action then answers 404). */
function withPack(secret: string): Promise<TeacherPackRecord | null> {
	return teacherPacks().byEditor(secret);
}

async function saved(record: TeacherPackRecord, draft: Draft, done: string) {
	await teacherPacks().save(record.id, draft);
	return { done };
}

export const actions: Actions = {
	title: async ({ request, params }) => {
		const record = await withPack(params.secret);
		if (!record) return fail(404, { error: m.teacher_error_no_pack() });
		const form = await readForm(request);
		const title = z
			.string()
			.trim()
			.min(1)
			.max(120)
			.safeParse(form && text(form, 'title'));
		if (!title.success) return fail(400, { error: m.teacher_error_title() });
		return saved(record, { ...record.draft, title: title.data }, m.teacher_done_title());
	},

	upload: async ({ request, params, getClientAddress }) => {
		const record = await withPack(params.secret);
		if (!record) return fail(404, { error: m.teacher_error_no_pack() });
		const form = await readForm(request);
		if (!form) return fail(400, { error: m.form_unreadable() });
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { error: m.teacher_error_no_file() });
		}
		// A voice or a video arrives converted by the editor's script (Ogg Opus, MP4); anything
		// else is a picture, or refused as one with its reason.
		const bytes = new Uint8Array(await file.arrayBuffer());
		const sniffed = sniffMedia(bytes.subarray(0, SNIFF_BYTES));
		const kind = sniffed === 'ogg-opus' ? 'audio' : sniffed === 'mp4' ? 'video' : 'image';
		const details = itemDetailsSchema.safeParse({
			truth: text(form, 'truth'),
			alt: text(form, 'alt'),
			source: text(form, 'source'),
			author: text(form, 'author'),
			licence: text(form, 'licence'),
			madeWith: text(form, 'madeWith'),
			tool: text(form, 'tool')?.trim() || undefined,
			transcript: kind !== 'image' ? text(form, 'transcript')?.trim() || undefined : undefined
		});
		if (!details.success) {
			const transcript = details.error.issues.some((issue) => issue.path[0] === 'transcript');
			const error = transcript
				? m.teacher_error_transcript()
				: detailsProblem(details.error.issues);
			return fail(400, { error });
		}
		const unfit = detailsRefusal(kind, details.data);
		if (unfit) return fail(400, { error: detailsWords[unfit]() });
		if (!(await limits.uploads.take(getClientAddress())).ok) {
			return fail(429, { error: m.teacher_error_rate_limited() });
		}
		// Room for the largest a processed picture can be, before spending time decoding it.
		const room = await teacherPacks().room(record.id, 0);
		if (room !== 'ok') {
			return fail(room === 'pack-full' ? 413 : 507, {
				error: room === 'pack-full' ? m.teacher_error_pack_full() : m.teacher_error_server_full()
			});
		}
		let added;
		if (kind === 'video') {
			// The look the editor's script measured of the frames it encoded (sentLookSchema says
			// why the server takes it from the browser).
			const look = sentLook(text(form, 'look'));
			if (!look) return fail(400, { error: m.teacher_error_video_look({ name: file.name }) });
			const processed = await processVideo(bytes);
			if (!processed.ok) {
				const status = processed.refusal === 'too-large' ? 413 : 415;
				return fail(status, {
					error: m.teacher_refused({ name: file.name, reason: videoRefusal[processed.refusal]() })
				});
			}
			added = await teacherPacks().addVideo(record, details.data, processed.video, look);
		} else if (kind === 'audio') {
			const processed = await processVoice(bytes);
			if (!processed.ok) {
				const status = processed.refusal === 'too-large' ? 413 : 415;
				return fail(status, {
					error: m.teacher_refused({ name: file.name, reason: voiceRefusal[processed.refusal]() })
				});
			}
			added = await teacherPacks().addVoice(record, details.data, processed.voice);
		} else {
			const processed = await processImage(bytes);
			if (!processed.ok) {
				const status = processed.refusal === 'too-large' ? 413 : 415;
				return fail(status, {
					error: m.teacher_refused({ name: file.name, reason: imageRefusal[processed.refusal]() })
				});
			}
			added = await teacherPacks().addImage(record, details.data, processed.image);
		}
		if (!added.ok) {
			return fail(added.problem === 'pack-full' ? 413 : 507, {
				error:
					added.problem === 'pack-full'
						? m.teacher_error_pack_full()
						: m.teacher_error_server_full()
			});
		}
		return { done: m.teacher_done_upload({ name: file.name }) };
	},

	look: async ({ request, params }) => {
		const record = await withPack(params.secret);
		if (!record) return fail(404, { error: m.teacher_error_no_pack() });
		const form = await readForm(request);
		if (!form) return fail(400, { error: m.form_unreadable() });
		const itemId = text(form, 'item');
		const item = record.draft.items.find((candidate) => candidate.id === itemId);
		if (!item || item.kind !== 'video') return fail(400, { error: m.teacher_error_missing_item() });
		// Taken from the browser as an upload's is (sentLook); a video keeps its first measure.
		const look = sentLook(text(form, 'look'));
		if (!look) return fail(400, { error: m.teacher_error_look() });
		if (item.look) return { done: '' };
		return saved(
			record,
			{
				...record.draft,
				items: record.draft.items.map((candidate) =>
					candidate.id === item.id ? { ...candidate, look } : candidate
				)
			},
			''
		);
	},

	remove: async ({ request, params }) => {
		const record = await withPack(params.secret);
		if (!record) return fail(404, { error: m.teacher_error_no_pack() });
		const form = await readForm(request);
		const id = form && text(form, 'item');
		const item = record.draft.items.find((candidate) => candidate.id === id);
		if (!item) return fail(400, { error: m.teacher_error_missing_item() });
		await teacherPacks().removeItem(record, item.id);
		return { done: m.teacher_done_remove({ alt: item.details.alt }) };
	},

	pair: async ({ request, params }) => {
		const record = await withPack(params.secret);
		if (!record) return fail(404, { error: m.teacher_error_no_pack() });
		const form = await readForm(request);
		const fields = pairForm.safeParse(form ? formFields(form) : {});
		if (!fields.success) return fail(400, { error: m.teacher_error_pair_form() });
		const { real, synthetic, tier, topic } = fields.data;
		const refusal = pairRefusal(record.draft, real, synthetic, topic);
		if (refusal) return fail(400, { error: pairWords[refusal]() });
		const id = `p${synthetic.slice(1)}`;
		const item = (itemId: string) => record.draft.items.find((each) => each.id === itemId);
		const [realItem, fakeItem] = [item(real), item(synthetic)];
		// The status is what a screen reader hears: it says so when the pair gives itself away.
		const warned = !!realItem && !!fakeItem && pairWarnings(realItem, fakeItem).length > 0;
		return saved(
			record,
			{ ...record.draft, pairs: [...record.draft.pairs, { id, real, synthetic, tier, topic }] },
			warned ? m.teacher_done_pair_warned() : m.teacher_done_pair()
		);
	},

	unpair: async ({ request, params }) => {
		const record = await withPack(params.secret);
		if (!record) return fail(404, { error: m.teacher_error_no_pack() });
		const form = await readForm(request);
		const pair = form && text(form, 'pair');
		if (!pair || !record.draft.pairs.some((candidate) => candidate.id === pair)) {
			return fail(400, { error: m.teacher_error_missing_item() });
		}
		return saved(
			record,
			{ ...record.draft, pairs: record.draft.pairs.filter((candidate) => candidate.id !== pair) },
			m.teacher_done_unpair()
		);
	},

	single: async ({ request, params }) => {
		const record = await withPack(params.secret);
		if (!record) return fail(404, { error: m.teacher_error_no_pack() });
		const form = await readForm(request);
		const fields = singleForm.safeParse(form ? formFields(form) : {});
		if (!fields.success) return fail(400, { error: m.teacher_error_single_form() });
		const { item, tier, topic } = fields.data;
		const refusal = singleRefusal(record.draft, item, topic);
		if (refusal) return fail(400, { error: singleWords[refusal]() });
		const synthetic =
			record.draft.items.find((each) => each.id === item)?.details.truth === 'synthetic';
		return saved(
			record,
			{
				...record.draft,
				singles: [...record.draft.singles, { id: `s${item.slice(1)}`, item, tier, topic }]
			},
			synthetic ? m.teacher_done_single_tells() : m.teacher_done_single()
		);
	},

	unsingle: async ({ request, params }) => {
		const record = await withPack(params.secret);
		if (!record) return fail(404, { error: m.teacher_error_no_pack() });
		const form = await readForm(request);
		const single = form && text(form, 'single');
		if (!single || !record.draft.singles.some((candidate) => candidate.id === single)) {
			return fail(400, { error: m.teacher_error_missing_item() });
		}
		return saved(
			record,
			{
				...record.draft,
				singles: record.draft.singles.filter((candidate) => candidate.id !== single)
			},
			m.teacher_done_unsingle()
		);
	},

	tell: async ({ request, params }) => {
		const record = await withPack(params.secret);
		if (!record) return fail(404, { error: m.teacher_error_no_pack() });
		const form = await readForm(request);
		if (!form) return fail(400, { error: m.form_unreadable() });
		const fields = tellForm.safeParse({
			item: text(form, 'item'),
			index: text(form, 'index') ?? '',
			tell: {
				category: text(form, 'category'),
				explanation: text(form, 'explanation'),
				region: regionFields(form)
			}
		});
		if (!fields.success) {
			const explanation = fields.error.issues.some((issue) => issue.path.includes('explanation'));
			return fail(400, {
				error: explanation ? m.teacher_error_explanation() : m.teacher_error_tell_form()
			});
		}
		const { item: itemId, index, tell } = fields.data;
		const item = record.draft.items.find((candidate) => candidate.id === itemId);
		const refusal = tellRefusal(item, tell);
		if (refusal || !item) return fail(400, { error: tellWords[refusal ?? 'missing-item']() });
		if (index !== '' && index >= item.tells.length) {
			return fail(400, { error: m.teacher_error_tell_form() });
		}
		const tells =
			index === '' ? [...item.tells, tell] : item.tells.map((old, i) => (i === index ? tell : old));
		return saved(
			record,
			{
				...record.draft,
				items: record.draft.items.map((candidate) =>
					candidate.id === item.id ? { ...candidate, tells } : candidate
				)
			},
			m.teacher_done_tell()
		);
	},

	untell: async ({ request, params }) => {
		const record = await withPack(params.secret);
		if (!record) return fail(404, { error: m.teacher_error_no_pack() });
		const form = await readForm(request);
		const itemId = form && text(form, 'item');
		const index = Number(form && text(form, 'index'));
		const item = record.draft.items.find((candidate) => candidate.id === itemId);
		if (!item || !Number.isInteger(index) || !item.tells[index]) {
			return fail(400, { error: m.teacher_error_tell_form() });
		}
		return saved(
			record,
			{
				...record.draft,
				items: record.draft.items.map((candidate) =>
					candidate.id === item.id
						? { ...candidate, tells: candidate.tells.filter((_, i) => i !== index) }
						: candidate
				)
			},
			m.teacher_done_untell()
		);
	},

	delete: async ({ request, params }) => {
		const record = await withPack(params.secret);
		if (!record) return fail(404, { error: m.teacher_error_no_pack() });
		const form = await readForm(request);
		if (!form || form.get('confirm') !== 'yes') {
			return fail(400, { error: m.teacher_error_delete_confirm() });
		}
		await teacherPacks().delete(record.id);
		redirect(303, localizeHref('/packs/new?deleted'));
	}
};
