// The 24 voice pairs: which real prompt each uses and how its fake is made. Tiers follow how hard
// the fake is to hear: rule-based voices (tier 1), a diphone voice, a small statistical voice and
// crude splices (tier 2), an HMM voice and careful splices (tier 3). Both sides of a pair speak
// the same language with the same kind of voice (low or high): a synthetic voice is always set
// against a real speaker it could pass for, never told apart by being "not her voice".
import { ENGINES, type Engine } from './engines';
import { SPEAKERS, type Speaker } from './prompts';

/** A stretch of a source prompt, by word index in its transcript (`to` exclusive; whole if absent). */
export interface Piece {
	prompt: string;
	from?: number;
	to?: number;
}

/** One voice pair: the real prompt and the recipe of its fake. */
export type VoicePlan =
	| { prompt: string; tier: 1 | 2 | 3; engine: Engine; speaker?: Speaker }
	| { prompt: string; tier: 2 | 3; splice: 'crude' | 'careful'; pieces: Piece[] };

/**
 * Every pair in pack order. No prompt is used twice, and no splice source is a pair's real item.
 * The speaker is Allison Smith (English) unless named.
 */
export const VOICE_PLANS: VoicePlan[] = [
	{ prompt: 'tt-weasels', tier: 1, engine: ENGINES.espeakUsF3 },
	{ prompt: 'vm-sorry', tier: 1, engine: ENGINES.espeakUsF3 },
	// Italian: Carlo Flora (a low voice) against eSpeak NG's Italian voice (low).
	{
		prompt: 'conf-getconfno',
		tier: 1,
		engine: ENGINES.espeakItalian,
		speaker: SPEAKERS.carlo
	},
	{
		prompt: 'conf-now-recording',
		tier: 1,
		engine: ENGINES.espeakItalian,
		speaker: SPEAKERS.carlo
	},
	// Canadian French: June Wallack against eSpeak NG's French with its female variant f3.
	{
		prompt: 'conf-onlyperson',
		tier: 1,
		engine: ENGINES.espeakFrenchF3,
		speaker: SPEAKERS.june
	},
	{ prompt: 'conf-getpin', tier: 1, engine: ENGINES.espeakFrenchF3, speaker: SPEAKERS.june },
	// Russian: the IVRvoice.ru speaker (a high voice) against eSpeak NG's Russian with variant f3.
	{
		prompt: 'agent-newlocation',
		tier: 1,
		engine: ENGINES.espeakRussianF3,
		speaker: SPEAKERS.ivrvoice
	},
	{ prompt: 'conf-full', tier: 1, engine: ENGINES.espeakRussianF3, speaker: SPEAKERS.ivrvoice },

	// Italian: Carlo Flora against Festival's Italian diphone voice (a man's diphones).
	{ prompt: 'agent-pass', tier: 2, engine: ENGINES.festivalItalian, speaker: SPEAKERS.carlo },
	{
		prompt: 'conf-waitforleader',
		tier: 2,
		engine: ENGINES.festivalItalian,
		speaker: SPEAKERS.carlo
	},
	{
		prompt: 'conf-onlyone',
		tier: 2,
		engine: ENGINES.festivalItalian,
		speaker: SPEAKERS.carlo
	},
	{ prompt: 'followme/sorry', tier: 2, engine: ENGINES.fliteSlt },
	{ prompt: 'demo-nomatch', tier: 2, engine: ENGINES.fliteSlt },
	{
		// "Please enter your conference number followed by the pound key."
		prompt: 'conf-getconfno',
		tier: 2,
		splice: 'crude',
		pieces: [
			{ prompt: 'privacy-prompt', from: 0, to: 3 }, // "Please enter your"
			{ prompt: 'conf-enteringno', from: 3, to: 5 }, // "conference number"
			{ prompt: 'astcc-followed-by-the-pound-key' }
		]
	},
	{
		// "press 1 to call this number"
		prompt: 'vm-tocallnum',
		tier: 2,
		splice: 'crude',
		pieces: [{ prompt: 'vm-press' }, { prompt: 'digits/1' }, { prompt: 'to-call-this-number' }]
	},
	{
		// "Please enter your new password followed by the pound key."
		prompt: 'vm-newpassword',
		tier: 2,
		splice: 'crude',
		pieces: [
			{ prompt: 'agent-pass', from: 0, to: 3 }, // "Please enter your"
			{ prompt: 'vm-INBOX' }, // "new", recorded alone as a folder name
			{ prompt: 'agent-pass', from: 3 } // "password followed by the pound key."
		]
	},

	{ prompt: 'queue-youarenext', tier: 3, engine: ENGINES.festivalHts },
	{ prompt: 'vm-nobox', tier: 3, engine: ENGINES.festivalHts },
	{ prompt: 'ss-noservice', tier: 3, engine: ENGINES.festivalHts },
	{ prompt: 'followme/status', tier: 3, engine: ENGINES.festivalHts },
	{ prompt: 'confbridge-lock-no-join', tier: 3, engine: ENGINES.festivalHts },
	{
		// "Login incorrect. Please enter your agent number followed by the pound key."
		prompt: 'agent-incorrect',
		tier: 3,
		splice: 'careful',
		pieces: [
			{ prompt: 'vm-incorrect' }, // "Login incorrect."
			{ prompt: 'agent-user', from: 2 } // "Please enter your agent number followed by the pound key."
		]
	},
	{
		// "Password incorrect. Please enter your password followed by the pound key."
		prompt: 'auth-incorrect',
		tier: 3,
		splice: 'careful',
		pieces: [
			{ prompt: 'vm-password' }, // "password"
			{ prompt: 'vm-incorrect', from: 1 }, // "incorrect."
			{ prompt: 'agent-pass' } // "Please enter your password followed by the pound key."
		]
	},
	{
		// "I am sorry, that's not a valid extension.  Please try again."
		prompt: 'pbx-invalid',
		tier: 3,
		splice: 'careful',
		pieces: [
			{ prompt: 'pbx-invalidpark', from: 0, to: 3 }, // "I am sorry,"
			{ prompt: 'invalid', from: 3 } // "that's not a valid extension.  Please try again."
		]
	}
];
