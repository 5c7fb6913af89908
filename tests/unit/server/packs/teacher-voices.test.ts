import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { MAX_VOICE_BYTES, processVoice } from '$lib/server/packs/teacher/voices';

/**
 * Files as a browser's conversion would send them, and as it must not: made here by ffmpeg (the
 * unit tests' prerequisite, tests/support/ensure-ffmpeg.js) from a generated tone.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'telltale-voices-'));
function encode(name: string, args: string[], seconds = 3): Uint8Array {
	const file = path.join(dir, name);
	const source = ['-f', 'lavfi', '-i', `sine=frequency=220:duration=${seconds}`];
	const run = spawnSync('ffmpeg', ['-v', 'error', '-y', ...source, ...args, file]);
	if (run.status !== 0) throw new Error(String(run.stderr));
	return readFileSync(file);
}
const opus = (extra: string[] = [], seconds?: number) =>
	encode(
		`voice-${extra.join('')}-${seconds}.opus`,
		['-ac', '1', '-ar', '48000', '-c:a', 'libopus', '-b:a', '32k', ...extra],
		seconds
	);

describe('processVoice', { timeout: 30_000 }, () => {
	it('takes mono 48 kHz Ogg Opus and writes a file of its own without the tags', async () => {
		const sent = opus(['-metadata', 'title=ANSWER-IN-TAGS', '-metadata', 'artist=Voice clone v2']);
		expect(Buffer.from(sent).includes('ANSWER-IN-TAGS')).toBe(true);
		const result = await processVoice(sent);
		if (!result.ok) throw new Error(result.refusal);
		const served = Buffer.from(result.voice.bytes);
		expect(result.voice.duration).toBeCloseTo(3, 1);
		expect(served.equals(Buffer.from(sent))).toBe(false);
		for (const secret of ['ANSWER-IN-TAGS', 'Voice clone', 'Lavc', 'Lavf']) {
			expect(served.includes(secret), secret).toBe(false);
		}
		const input = new Input({ source: new BufferSource(result.voice.bytes), formats: ALL_FORMATS });
		expect(await input.getMimeType()).toBe('audio/ogg; codecs="opus"');
		const { title, artist } = await input.getMetadataTags();
		expect([title, artist]).toEqual([undefined, undefined]);
		expect(await input.computeDuration()).toBeCloseTo(result.voice.duration, 2);
	});

	it('refuses what the editor does not send: another format, a program, stereo, Vorbis', async () => {
		const mp3 = encode('voice.mp3', ['-ac', '1', '-c:a', 'libmp3lame']);
		expect(await processVoice(mp3)).toEqual({ ok: false, refusal: 'not-ogg-opus' });
		const program = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(1000)]);
		expect(await processVoice(program)).toEqual({ ok: false, refusal: 'not-ogg-opus' });
		const vorbis = encode('voice.ogg', ['-ac', '1', '-c:a', 'libvorbis']);
		expect(await processVoice(vorbis)).toEqual({ ok: false, refusal: 'not-ogg-opus' });
		const stereo = encode('stereo.opus', ['-ac', '2', '-ar', '48000', '-c:a', 'libopus']);
		expect(await processVoice(stereo)).toEqual({ ok: false, refusal: 'encoding' });
		const fat = opus(['-b:a', '256k', '-vbr', 'off']);
		expect(await processVoice(fat)).toEqual({ ok: false, refusal: 'encoding' });
	});

	it('refuses a voice too short, too long, empty, too large or damaged', async () => {
		expect(await processVoice(opus([], 0.2))).toEqual({ ok: false, refusal: 'too-short' });
		expect(await processVoice(opus([], 31))).toEqual({ ok: false, refusal: 'too-long' });
		expect(await processVoice(new Uint8Array())).toEqual({ ok: false, refusal: 'empty' });
		expect(await processVoice(new Uint8Array(MAX_VOICE_BYTES + 1))).toEqual({
			ok: false,
			refusal: 'too-large'
		});
		const cut = opus().subarray(0, 200);
		expect(await processVoice(cut)).toMatchObject({ ok: false });
	});
});
