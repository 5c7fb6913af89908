// Face detection and 68-point landmarks with the models that ship inside @vladmandic/face-api,
// run on tfjs's WASM backend so that no native TensorFlow build and no network is needed.
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Tf from '@tensorflow/tfjs';
import type * as FaceApi from '@vladmandic/face-api';

const require = createRequire(import.meta.url);
const faceapi: typeof FaceApi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
// The same module instance face-api loads, typed in full (face-api re-exports only part of it).
const tf: typeof Tf = require('@tensorflow/tfjs');
const wasm: {
	setWasmPaths: (prefix: string | Record<string, string>, custom?: boolean) => void;
} = require('@tensorflow/tfjs-backend-wasm');

const MODEL_DIR = path.resolve('node_modules/@vladmandic/face-api/model');
const WASM_DIR = path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist');

/** One detected face: its box and 68 landmarks, in pixels of the image that was searched. */
export interface Face {
	score: number;
	box: { x: number; y: number; width: number; height: number };
	points: [number, number][];
}

let ready: Promise<void> | undefined;

function load(): Promise<void> {
	ready ??= (async () => {
		// File paths, not URLs: a URL makes tfjs fetch the binaries, which fails offline.
		wasm.setWasmPaths({
			'tfjs-backend-wasm.wasm': path.join(WASM_DIR, 'tfjs-backend-wasm.wasm'),
			'tfjs-backend-wasm-simd.wasm': path.join(WASM_DIR, 'tfjs-backend-wasm-simd.wasm'),
			'tfjs-backend-wasm-threaded-simd.wasm': path.join(
				WASM_DIR,
				'tfjs-backend-wasm-threaded-simd.wasm'
			)
		});
		await tf.setBackend('wasm');
		await tf.ready();
		await faceapi.nets.ssdMobilenetv1.loadFromDisk(MODEL_DIR);
		await faceapi.nets.faceLandmark68Net.loadFromDisk(MODEL_DIR);
	})();
	return ready;
}

/** Finds faces in an RGB image (3 bytes a pixel), largest first. */
export async function detectFaces(
	rgb: Uint8Array,
	width: number,
	height: number,
	minConfidence = 0.5
): Promise<Face[]> {
	await load();
	const tensor = tf.tensor3d(rgb, [height, width, 3], 'int32');
	try {
		const found = await faceapi
			.detectAllFaces(
				tensor as unknown as FaceApi.TNetInput,
				new faceapi.SsdMobilenetv1Options({ minConfidence })
			)
			.withFaceLandmarks();
		return found
			.map((f) => ({
				score: f.detection.score,
				box: {
					x: f.detection.box.x,
					y: f.detection.box.y,
					width: f.detection.box.width,
					height: f.detection.box.height
				},
				points: f.landmarks.positions.map((p) => [p.x, p.y] as [number, number])
			}))
			.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
	} finally {
		tensor.dispose();
	}
}
