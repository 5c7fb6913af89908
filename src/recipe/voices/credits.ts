// Credits for everything the voice pairs are made of or made with (the About page lists them).

/** Credit entries in the pack schema's shape. */
export const VOICE_CREDITS = [
	{
		name: 'Allison Smith / Asterisk core sounds (Digium)',
		role: 'real voice recordings and the sentences every fake voice says; derived audio, the fakes included, is shared alike',
		licence: 'CC-BY-SA-3.0',
		url: 'http://www.theivrvoice.com'
	},
	{
		name: 'June Wallack / Asterisk core sounds in Canadian French (Digium; translated by Clod Patry, Kristopher Lalletti and June Wallack)',
		role: 'real voice recordings in French and the sentences the French fakes say; derived audio is shared alike',
		licence: 'CC-BY-SA-3.0',
		url: 'http://www.junewallack.com'
	},
	{
		name: 'Carlo Flora / Asterisk core sounds in Italian (translated by Silvia Petrin)',
		role: 'real voice recordings in Italian and the sentences the Italian fakes say; derived audio is shared alike',
		licence: 'CC-BY-SA-3.0',
		url: 'http://www.carloflora.com'
	},
	{
		name: 'IVRvoice.ru, provided by Maxim Topal / Asterisk core sounds in Russian',
		role: 'real voice recordings in Russian and the sentences the Russian fakes say',
		licence: 'CC-BY-3.0',
		url: 'http://www.ivrvoice.ru'
	},
	{
		name: 'Italian FESTIVAL Modules, pc_diphone voice (Piero Cosi, Carlo Drioli, Graziano Tisato; ISTC-SPFD CNR and ITC-irst)',
		role: 'Italian diphone voice for Festival',
		licence: 'GPL-2+'
	},
	{
		name: 'Rubber Band Library (Breakfast Quay), through FFmpeg',
		role: 'pitch shift of synthetic voices to the real speaker’s median',
		licence: 'GPL-2+',
		url: 'https://breakfastquay.com/rubberband/'
	},
	{
		name: 'eSpeak NG (Jonathan Duddington, Reece H. Dunn and contributors)',
		role: 'formant speech synthesiser',
		licence: 'GPL-3.0-or-later',
		url: 'https://github.com/espeak-ng/espeak-ng'
	},
	{
		name: 'CMU Flite (Alan W Black, Kevin A. Lenzo, Carnegie Mellon University)',
		role: 'speech synthesiser with the kal16 diphone and slt clustergen voices',
		licence: 'BSD-style CMU Flite licence',
		url: 'http://cmuflite.org'
	},
	{
		name: 'The Festival Speech Synthesis System (Centre for Speech Technology Research, University of Edinburgh)',
		role: 'speech synthesiser',
		licence: 'X11-style Festival licence',
		url: 'http://www.cstr.ed.ac.uk/projects/festival/'
	},
	{
		name: 'festvox kal_diphone voice (Alan W Black, Kevin A. Lenzo)',
		role: 'diphone voice for Festival',
		licence: 'BSD-style CMU/Edinburgh voice licence'
	},
	{
		name: 'CMU ARCTIC slt HTS voice (Carnegie Mellon University; HTS by Nagoya Institute of Technology)',
		role: 'statistical (HMM) voice for Festival',
		licence: 'BSD-style (EST-2003, BSD-3-Clause)',
		url: 'http://hts.sp.nitech.ac.jp/'
	},
	{
		name: 'CMU PocketSphinx with its US English model (Carnegie Mellon University, Alpha Cephei)',
		role: 'forced alignment: where each word starts and ends, to cut splices and locate tells',
		licence: 'BSD-2-Clause',
		url: 'https://cmusphinx.github.io'
	}
];
