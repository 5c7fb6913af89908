import type { Page } from '@playwright/test';

declare global {
	interface Window {
		/** Every Web Audio buffer started on the page, by the URL it was loaded from. */
		__played?: string[];
	}
}

/**
 * An init script that records which sound files the page plays: howler loads each file with
 * XMLHttpRequest, decodes it with decodeAudioData and starts an AudioBufferSourceNode, so the
 * three are followed from URL to buffer to start(). Pass it to `addInitScript`.
 */
export function recordPlayedAudio(): void {
	const played: string[] = [];
	window.__played = played;
	const urlOfData = new WeakMap<ArrayBuffer, string>();
	const urlOfBuffer = new WeakMap<AudioBuffer, string>();

	const open = XMLHttpRequest.prototype.open;
	XMLHttpRequest.prototype.open = function (
		this: XMLHttpRequest,
		method: string,
		url: string | URL,
		...rest: unknown[]
	) {
		// Registered before howler's own onload, so the URL is known when it decodes.
		this.addEventListener('load', () => {
			if (this.response instanceof ArrayBuffer) {
				urlOfData.set(this.response, new URL(String(url), location.href).pathname);
			}
		});
		return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
	} as typeof XMLHttpRequest.prototype.open;

	const decode = BaseAudioContext.prototype.decodeAudioData;
	BaseAudioContext.prototype.decodeAudioData = function (
		this: BaseAudioContext,
		data: ArrayBuffer,
		success?: DecodeSuccessCallback | null,
		failure?: DecodeErrorCallback | null
	) {
		const url = urlOfData.get(data);
		const named = (buffer: AudioBuffer) => {
			if (url) urlOfBuffer.set(buffer, url);
			return buffer;
		};
		return decode
			.call(this, data, success ? (buffer) => success(named(buffer)) : success, failure)
			.then(named);
	};

	const start = AudioBufferSourceNode.prototype.start;
	AudioBufferSourceNode.prototype.start = function (
		this: AudioBufferSourceNode,
		...args: [number?, number?, number?]
	) {
		played.push((this.buffer && urlOfBuffer.get(this.buffer)) ?? 'unknown');
		return start.apply(this, args);
	};
}

/** The sound files the page has played so far (see recordPlayedAudio). */
export function playedAudio(page: Page): Promise<string[]> {
	return page.evaluate(() => [...(window.__played ?? [])]);
}
