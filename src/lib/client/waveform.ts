/**
 * Waveforms for the voice players: the peak level of each slice of a clip, drawn as bars.
 * Decoding uses an OfflineAudioContext, which renders nothing and needs no user gesture, so the
 * waveform can be drawn before the player presses play without any sound starting.
 */

/** The peak absolute sample of each of `buckets` equal slices, scaled so the loudest is 1. */
export function peaksOf(samples: Float32Array, buckets: number): number[] {
	const peaks = new Array<number>(buckets).fill(0);
	if (samples.length === 0 || buckets <= 0) return peaks;
	const size = samples.length / buckets;
	for (let bucket = 0; bucket < buckets; bucket++) {
		const start = Math.floor(bucket * size);
		const end = Math.max(start + 1, Math.floor((bucket + 1) * size));
		let peak = 0;
		for (let i = start; i < end && i < samples.length; i++) {
			const value = Math.abs(samples[i]);
			if (value > peak) peak = value;
		}
		peaks[bucket] = peak;
	}
	const loudest = Math.max(...peaks);
	return loudest > 0 ? peaks.map((peak) => peak / loudest) : peaks;
}

const cache = new Map<string, Promise<{ peaks: number[]; duration: number }>>();

/** Fetches and decodes a clip once per page and returns its peaks and duration in seconds. */
export function loadWaveform(
	url: string,
	buckets: number
): Promise<{ peaks: number[]; duration: number }> {
	const key = `${buckets} ${url}`;
	let pending = cache.get(key);
	if (!pending) {
		pending = (async () => {
			const response = await fetch(url);
			if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
			const bytes = await response.arrayBuffer();
			const context = new OfflineAudioContext(1, 1, 48_000);
			const audio = await context.decodeAudioData(bytes);
			return { peaks: peaksOf(audio.getChannelData(0), buckets), duration: audio.duration };
		})();
		// A failed fetch may succeed later (back online): do not keep the failure.
		pending.catch(() => cache.delete(key));
		cache.set(key, pending);
	}
	return pending;
}
