import { describe, expect, test } from 'vitest';
import {
	VIDEO_LONGEST_SIDE,
	VIDEO_LOOK_FRAMES,
	servedVideoSize,
	videoLookTimes
} from '$lib/game/pack/served-videos';

describe('servedVideoSize', () => {
	test('the longest side becomes the served one, keeping the shape, in even pixels', () => {
		expect(servedVideoSize(1920, 1080)).toEqual({ width: VIDEO_LONGEST_SIDE, height: 360 });
		expect(servedVideoSize(1080, 1920)).toEqual({ width: 360, height: VIDEO_LONGEST_SIDE });
		expect(servedVideoSize(320, 240)).toEqual({ width: 640, height: 480 });
		expect(servedVideoSize(641, 479)).toEqual({ width: 640, height: 478 });
	});
	test('two videos of the same shape come out at the same size', () => {
		expect(servedVideoSize(1280, 720)).toEqual(servedVideoSize(3840, 2160));
	});
	test('a very thin video keeps at least two pixels', () => {
		expect(servedVideoSize(10_000, 1)).toEqual({ width: 640, height: 2 });
	});
});

describe('videoLookTimes', () => {
	test('the middles of equal stretches of the video, in milliseconds', () => {
		expect(VIDEO_LOOK_FRAMES).toBe(5);
		expect(videoLookTimes(10)).toEqual([1, 3, 5, 7, 9]);
		expect(videoLookTimes(1)).toEqual([0.1, 0.3, 0.5, 0.7, 0.9]);
		expect(videoLookTimes(3.2)).toEqual([0.32, 0.96, 1.6, 2.24, 2.88]);
	});
});
