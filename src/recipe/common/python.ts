// The few steps that use OpenCV (Poisson blending, inpainting) run in Debian's python3-opencv.
// /usr/bin/python3 on purpose: another python3 earlier on PATH would not see Debian's cv2.
import { execFileSync } from 'node:child_process';

/** Runs a Python script of the recipe with string arguments; throws with its stderr on failure. */
export function runPython(script: string, args: string[]): void {
	execFileSync('/usr/bin/python3', [script, ...args], {
		stdio: ['ignore', 'ignore', 'pipe'],
		env: { ...process.env, OMP_NUM_THREADS: '1', OPENCV_FOR_THREADS_NUM: '1' }
	});
}
