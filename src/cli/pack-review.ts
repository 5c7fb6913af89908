/**
 * `npm run pack:review -- make <out> --kind audio|image|video [--per-tier N] [--seed N] [--pack DIR]`
 * writes a blind review of a pack's tiers into the folder <out>: index.html (open it in a
 * browser: the rounds, their media under neutral names, the questions and a button that saves
 * answers.json) and key.json (the answers; the reviewer must not open it).
 * `npm run pack:review -- score <out> [--answers FILE]` prints how the answers agree with the
 * tiers. The sampling and scoring rules are `$lib/game/pack/blind-review.ts`.
 */
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	writeFileSync
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
	drawReview,
	scoreReview,
	type ReviewAnswer,
	type ReviewKey,
	type ReviewRound
} from '$lib/game/pack/blind-review';
import { getItem, type Item, type Pack } from '$lib/game/pack/schema';
import { MEDIA_KINDS, type MediaKind } from '$lib/game/pack/taxonomy';
import { loadPackFromDir } from '$lib/server/packs/loader';
import { fail } from './fail';

const USAGE = `Usage: npm run pack:review -- make <out> --kind audio|image|video [--per-tier N] [--seed N] [--pack DIR]
       npm run pack:review -- score <out> [--answers FILE]`;

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		kind: { type: 'string' },
		'per-tier': { type: 'string', default: '8' },
		seed: { type: 'string', default: '1' },
		pack: { type: 'string', default: 'static/packs/default' },
		answers: { type: 'string' }
	}
});
const [command, out] = positionals;
if (!out || (command !== 'make' && command !== 'score')) fail(USAGE);

if (command === 'make') make(out);
else score(out);

function make(folder: string): void {
	const kind = values.kind as MediaKind;
	if (!MEDIA_KINDS.includes(kind))
		fail(`--kind must be one of ${MEDIA_KINDS.join(', ')}\n${USAGE}`);
	const perTier = Number(values['per-tier']);
	const seed = Number(values.seed);
	if (!Number.isInteger(perTier) || perTier < 1) fail('--per-tier must be a whole number above 0');
	if (!Number.isInteger(seed) || seed < 0) fail('--seed must be a whole number');
	if (existsSync(folder) && readdirSync(folder).length > 0) fail(`${folder} is not empty`);
	const loaded = loadPackFromDir(values.pack!);
	if (!loaded.ok) {
		fail(loaded.errors.map((error) => `${error.file}: ${error.path} ${error.message}`).join('\n'));
	}
	const pack = loaded.pack;
	const { rounds, key } = drawReview(pack, kind, perTier, seed);
	if (rounds.length === 0) fail(`the pack has no online pairs of kind ${kind}`);
	mkdirSync(path.join(folder, 'media'), { recursive: true });
	const shown = rounds.map((round) => ({
		round,
		a: copyMedia(pack, round.a, folder, `r${round.round}-a`),
		b: copyMedia(pack, round.b, folder, `r${round.round}-b`)
	}));
	writeFileSync(path.join(folder, 'index.html'), page(pack, kind, shown));
	writeFileSync(path.join(folder, 'key.json'), JSON.stringify(key, null, '\t') + '\n');
	console.log(
		`${rounds.length} rounds of ${kind} written to ${folder}: open index.html in a browser. ` +
			`Keep key.json from the reviewer; then: npm run pack:review -- score ${folder} --answers <saved answers.json>`
	);
}

/** Copies the item's smallest rendition (a phone's) under a name that says nothing of it. */
function copyMedia(pack: Pack, itemId: string, folder: string, name: string) {
	const item = getItem(pack, itemId);
	const rendition = [...item.media].sort((a, b) => (a.width ?? 0) - (b.width ?? 0))[0];
	const file = `media/${name}${path.extname(rendition.src)}`;
	copyFileSync(path.join(values.pack!, rendition.src), path.join(folder, file));
	return { item, file };
}

function escape(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!
	);
}

function mediaTag(kind: MediaKind, file: string, label: string): string {
	if (kind === 'image') return `<img src="${file}" width="480" alt="${label}">`;
	if (kind === 'audio') return `<audio controls preload="auto" src="${file}"></audio>`;
	return `<video controls preload="auto" width="480" src="${file}"></video>`;
}

function page(
	pack: Pack,
	kind: MediaKind,
	shown: Array<{
		round: ReviewRound;
		a: { item: Item; file: string };
		b: { item: Item; file: string };
	}>
): string {
	const rounds = shown.map(({ round, a, b }) => {
		const words = a.item.transcript
			? `<p>Said${a.item.language ? ` (${escape(a.item.language)})` : ''}: “${escape(a.item.transcript)}”` +
				(a.item.translation
					? ` In ${escape(pack.language)}: “${escape(a.item.translation)}”`
					: '') +
				'</p>'
			: '';
		const n = round.round;
		return `<section>
<h2>Round ${n}</h2>${words}
<div class="pair"><figure>${mediaTag(kind, a.file, `A of round ${n}`)}<figcaption>A</figcaption></figure>
<figure>${mediaTag(kind, b.file, `B of round ${n}`)}<figcaption>B</figcaption></figure></div>
<fieldset><legend>Which is fake?</legend>
<label><input type="radio" name="fake-${n}" value="A"> A</label>
<label><input type="radio" name="fake-${n}" value="B"> B</label></fieldset>
<fieldset><legend>How plain is its flaw?</legend>
<label><input type="radio" name="plain-${n}" value="1"> 1 obvious</label>
<label><input type="radio" name="plain-${n}" value="2"> 2 found by looking or listening closely</label>
<label><input type="radio" name="plain-${n}" value="3"> 3 nothing clear: a guess</label></fieldset>
<label>What gave it away <input type="text" name="note-${n}" size="60"></label>
</section>`;
	});
	const count = shown.length;
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Blind review: ${count} rounds</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:62rem;margin:1rem auto;padding:0 1rem}
section{border-top:1px solid #888;padding:0.5rem 0 1rem}.pair{display:flex;flex-wrap:wrap;gap:1rem}
figure{margin:0}img,video{max-width:100%;height:auto}fieldset{margin:0.5rem 0}</style></head>
<body><h1>Blind review</h1>
<p>In each round one of A and B is fake. Look or listen as a player would on a phone, pick the
fake and say how plain its flaw is. Answer every round in order, without going back. Then save
your answers and send the file to whoever asked you.</p>
${rounds.join('\n')}
<p><button type="button" id="save">Save my answers (answers.json)</button> <span id="status" role="status"></span></p>
<script>
document.getElementById('save').addEventListener('click', () => {
	const value = (name) => document.querySelector('input[name="' + name + '"]:checked')?.value ?? null;
	const answers = [];
	for (let n = 1; n <= ${count}; n++) {
		const plain = value('plain-' + n);
		answers.push({ round: n, fake: value('fake-' + n), plain: plain && Number(plain),
			note: document.querySelector('input[name="note-' + n + '"]').value });
	}
	const link = document.createElement('a');
	link.href = URL.createObjectURL(new Blob([JSON.stringify(answers, null, 1)], { type: 'application/json' }));
	link.download = 'answers.json';
	link.click();
	const open = answers.filter((answer) => !answer.fake || !answer.plain).length;
	document.getElementById('status').textContent = open ? open + ' rounds are not fully answered.' : 'Saved.';
});
</script></body></html>
`;
}

function score(folder: string): void {
	const read = <T>(file: string): T => {
		if (!existsSync(file)) fail(`${file} not found`);
		return JSON.parse(readFileSync(file, 'utf8')) as T;
	};
	const key = read<ReviewKey[]>(path.join(folder, 'key.json'));
	const answers = read<ReviewAnswer[]>(values.answers ?? path.join(folder, 'answers.json'));
	const result = scoreReview(key, answers);
	const share = (n: number) => `${n} of ${result.answered}`;
	console.log(`answered ${result.answered} of ${result.rounds} rounds`);
	console.log(`fake picked: ${share(result.pickedRight)}`);
	console.log(
		`rated as its tier: ${share(result.sameAsTier)}; two apart: ${share(result.twoApart)}`
	);
	console.table(
		result.byTier.map((ratings, index) => ({
			tier: index + 1,
			'rated 1 (obvious)': ratings[0],
			'rated 2': ratings[1],
			'rated 3 (nothing seen)': ratings[2]
		}))
	);
	for (const round of result.disagreements) {
		console.log(
			`${round.pairId}: tier ${round.tier}, rated ${round.plain}${round.pickedRight ? '' : ' (wrong pick)'}` +
				`${round.note ? `: ${round.note}` : ''}\n  ${round.method}`
		);
	}
}
