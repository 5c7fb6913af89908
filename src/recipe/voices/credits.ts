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
