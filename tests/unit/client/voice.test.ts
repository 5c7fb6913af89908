import { describe, expect, it } from 'vitest';
import { voiceFormat } from '$lib/client/voice.svelte';

describe('voiceFormat', () => {
	it("names a clip's format from its media type, for addresses without an extension", () => {
		expect(voiceFormat({ src: '/media/r/run/token', type: 'audio/ogg; codecs=opus' })).toBe('opus');
		expect(voiceFormat({ src: '/media/r/run/token', type: 'audio/ogg' })).toBe('ogg');
		expect(voiceFormat({ src: '/media/c/session/token', type: 'audio/mp4' })).toBe('m4a');
		expect(voiceFormat({ src: '/media/c/session/token', type: 'audio/webm' })).toBe('webm');
	});

	it('falls back to the extension of a public path', () => {
		expect(voiceFormat({ src: '/packs/default/media/0123abcd.opus' })).toBe('opus');
		expect(voiceFormat({ src: '/no-extension' })).toBe('');
	});
});
