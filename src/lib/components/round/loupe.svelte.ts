/**
 * The picture's loupe: press and hold (a finger) or press (a mouse) to see the large rendition
 * about 2.5x under the pointer; a short press that did not move is a tap instead. The pointer
 * handlers go on the picture's frame; `lens` says where to draw the loupe.
 */

export const LOUPE_SIZE = 168;
const LOUPE_POWER = 2.5;
/** A finger held this long without moving brings the loupe up (a quick swipe scrolls instead). */
const HOLD_MS = 220;
/** A press shorter than this that did not move is a tap. */
const TAP_MS = 300;
/** Moving further than this (px) makes a press a scroll or a drag, not a tap. */
const SLOP = 10;

/** Where the loupe sits in the frame, and where the large picture sits inside it (px). */
export interface Lens {
	left: number;
	top: number;
	bx: number;
	by: number;
	bw: number;
	bh: number;
}

interface Press {
	id: number;
	frame: HTMLElement;
	x: number;
	y: number;
	touch: boolean;
	at: number;
	moved: boolean;
}

export class Loupe {
	lens = $state<Lens | null>(null);
	#press: Press | null = null;
	#hold: ReturnType<typeof setTimeout> | undefined;

	/**
	 * @param usable false while the loupe must not come up (the picture is zoomed onto a tell)
	 * @param ontap a tap on the picture (not on a button in it)
	 */
	constructor(
		private readonly usable: () => boolean,
		private readonly ontap: () => void
	) {}

	#show(frame: HTMLElement, clientX: number, clientY: number, touch: boolean) {
		const rect = frame.getBoundingClientRect();
		const x = Math.min(Math.max(clientX - rect.left, 0), rect.width);
		const y = Math.min(Math.max(clientY - rect.top, 0), rect.height);
		// Above the finger on touch screens, so the finger does not hide what it magnifies.
		const lift = touch ? LOUPE_SIZE * 0.65 : 0;
		this.lens = {
			left: x - LOUPE_SIZE / 2,
			top: y - LOUPE_SIZE / 2 - lift,
			bx: LOUPE_SIZE / 2 - x * LOUPE_POWER,
			by: LOUPE_SIZE / 2 - y * LOUPE_POWER,
			bw: rect.width * LOUPE_POWER,
			bh: rect.height * LOUPE_POWER
		};
	}

	end = () => {
		clearTimeout(this.#hold);
		this.#press = null;
		this.lens = null;
	};

	down = (event: PointerEvent) => {
		if (!this.usable() || event.button !== 0) return;
		if ((event.target as HTMLElement).closest('button')) return;
		const frame = event.currentTarget as HTMLElement;
		const touch = event.pointerType !== 'mouse';
		this.#press = {
			id: event.pointerId,
			frame,
			x: event.clientX,
			y: event.clientY,
			touch,
			at: event.timeStamp,
			moved: false
		};
		if (!touch) {
			frame.setPointerCapture(event.pointerId);
			this.#show(frame, event.clientX, event.clientY, false);
			return;
		}
		clearTimeout(this.#hold);
		this.#hold = setTimeout(() => {
			const press = this.#press;
			if (press) this.#show(press.frame, press.x, press.y, true);
		}, HOLD_MS);
	};

	move = (event: PointerEvent) => {
		const press = this.#press;
		if (!press || event.pointerId !== press.id) return;
		const far = Math.hypot(event.clientX - press.x, event.clientY - press.y) > SLOP;
		if (far) press.moved = true;
		if (this.lens) {
			this.#show(press.frame, event.clientX, event.clientY, press.touch);
		} else if (far) {
			// The finger moved before the hold: it is a scroll, not a loupe.
			this.end();
		} else {
			press.x = event.clientX;
			press.y = event.clientY;
		}
	};

	up = (event: PointerEvent) => {
		const press = this.#press;
		const tap =
			press !== null &&
			event.pointerId === press.id &&
			!press.moved &&
			event.timeStamp - press.at < TAP_MS;
		this.end();
		if (tap) this.ontap();
	};

	/** While the loupe is up, a moving finger moves the loupe instead of scrolling the page. */
	holdScroll = (node: HTMLElement) => {
		const stop = (event: TouchEvent) => {
			if (this.lens) event.preventDefault();
		};
		node.addEventListener('touchmove', stop, { passive: false });
		return () => node.removeEventListener('touchmove', stop);
	};
}
