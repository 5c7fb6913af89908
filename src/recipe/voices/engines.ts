// The speech synthesisers Debian ships, each described as exactly as its provenance needs: what
// kind of synthesis it is, which IPTC digital source type fits, and the package version used.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WORK_DIR } from '../common/media-store';
import { decode, type Samples } from './audio';

const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

/** A synthesiser and one voice setting of it. */
export interface Engine {
	id: string;
	/** Debian package that provides the voice, for provenance and the version. */
	packageName: string;
	/** Plain words for the About page and the item's method. */
	method: (version: string) => string;
	/**
	 * Rule-based synthesis (formant rules, or diphones joined by rules) learns nothing from data:
	 * IPTC algorithmicMedia. Statistical voices (HMM, clustergen) are models trained on recordings:
	 * IPTC trainedAlgorithmicMedia.
	 */
	digitalSourceType: string;
	author: string;
	licence: string;
	parameters: Record<string, string | number>;
	/**
	 * The command line that speaks `text` into `wav`, `stretch` times slower than the voice's own
	 * pace (the engine's own speaking-rate control, so timing stays the engine's work).
	 */
	command: (text: string, wav: string, stretch: number) => [string, string[]];
	/** How the stretch is set, in the engine's own terms, for the item's parameters. */
	rateSetting: (stretch: number) => Record<string, number>;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** espeak-ng with a voice variant; `wpm` is its pace before stretching. */
const espeak = (variant: string, wpm: number): Engine => ({
	id: `espeak-ng-${variant}-${wpm}`,
	packageName: 'espeak-ng',
	method: (version) =>
		`formant synthesis (rule-based, no recordings), espeak-ng ${version}, voice ${variant}`,
	digitalSourceType: `${IPTC}algorithmicMedia`,
	author: 'eSpeak NG contributors (after Jonathan Duddington’s eSpeak)',
	licence: 'GPL-3.0-or-later',
	parameters: { engine: 'espeak-ng', voice: variant },
	command: (text, wav, stretch) => [
		'espeak-ng',
		['-v', variant, '-s', String(Math.round(wpm / stretch)), '-w', wav, text]
	],
	rateSetting: (stretch) => ({ wordsPerMinute: Math.round(wpm / stretch) })
});

/** Festival's Italian diphone voice by Piero Cosi (male); Festival reads its text as Latin-1. */
const FESTIVAL_ITALIAN: Engine = {
	id: 'festival-pc-diphone',
	packageName: 'festvox-itapc16k',
	method: (version) =>
		`diphone concatenation (recorded Italian diphones joined and re-pitched by rules), Festival with voice pc_diphone (festvox-itapc16k ${version})`,
	digitalSourceType: `${IPTC}algorithmicMedia`,
	author:
		'Centre for Speech Technology Research, University of Edinburgh (Festival); Piero Cosi, ISTC-CNR Padova (Italian diphones)',
	licence: 'X11-style Festival licence',
	parameters: { engine: 'festival', voice: 'pc_diphone', synthesis: 'diphone, LPC' },
	command: (text, wav, stretch) => [
		'text2wave',
		[
			'-eval',
			`(begin (voice_pc_diphone) (Parameter.set 'Duration_Stretch ${round3(stretch)}))`
		].concat(['-o', wav, writeText(text.replace(/[’‘]/g, "'"), 'latin1')])
	],
	rateSetting: (stretch) => ({ durationStretch: round3(stretch) })
};

const FLITE_KAL16: Engine = {
	id: 'flite-kal16',
	packageName: 'flite',
	method: (version) =>
		`diphone concatenation (recorded diphones joined and re-pitched by rules), CMU Flite ${version}, voice cmu_us_kal16`,
	digitalSourceType: `${IPTC}algorithmicMedia`,
	author: 'Carnegie Mellon University (Flite; kal voice: Kevin A. Lenzo)',
	licence: 'BSD-style CMU Flite licence',
	parameters: { engine: 'flite', voice: 'cmu_us_kal16', synthesis: 'diphone' },
	command: (text, wav, stretch) => [
		'flite',
		['-voice', 'kal16', '--setf', `duration_stretch=${round3(stretch)}`, '-t', text, '-o', wav]
	],
	rateSetting: (stretch) => ({ durationStretch: round3(stretch) })
};

const FLITE_SLT: Engine = {
	id: 'flite-slt',
	packageName: 'flite',
	method: (version) =>
		`statistical parametric synthesis (clustergen model trained on the CMU ARCTIC slt recordings), CMU Flite ${version}, voice cmu_us_slt`,
	digitalSourceType: `${IPTC}trainedAlgorithmicMedia`,
	author: 'Carnegie Mellon University (Flite; CMU ARCTIC slt speaker)',
	licence: 'BSD-style CMU Flite licence',
	parameters: { engine: 'flite', voice: 'cmu_us_slt', synthesis: 'clustergen' },
	command: (text, wav, stretch) => [
		'flite',
		['-voice', 'slt', '--setf', `duration_stretch=${round3(stretch)}`, '-t', text, '-o', wav]
	],
	rateSetting: (stretch) => ({ durationStretch: round3(stretch) })
};

const FESTIVAL_KAL: Engine = {
	id: 'festival-kal-diphone',
	packageName: 'festvox-kallpc16k',
	method: (version) =>
		`diphone concatenation with residual-excited LPC, Festival with voice kal_diphone (festvox-kallpc16k ${version})`,
	digitalSourceType: `${IPTC}algorithmicMedia`,
	author:
		'Centre for Speech Technology Research, University of Edinburgh (Festival); CMU (kal voice)',
	licence: 'X11-style Festival licence',
	parameters: {
		engine: 'festival',
		voice: 'kal_diphone',
		synthesis: 'diphone, residual-excited LPC'
	},
	command: (text, wav, stretch) => [
		'text2wave',
		[
			'-eval',
			`(begin (voice_kal_diphone) (Parameter.set 'Duration_Stretch ${round3(stretch)}))`
		].concat(['-o', wav, writeText(text)])
	],
	rateSetting: (stretch) => ({ durationStretch: round3(stretch) })
};

const FESTIVAL_HTS: Engine = {
	id: 'festival-slt-hts',
	packageName: 'festvox-us-slt-hts',
	method: (version) =>
		`HMM statistical parametric synthesis (HTS model trained on the CMU ARCTIC slt recordings), Festival with voice cmu_us_slt_arctic_hts (festvox-us-slt-hts ${version})`,
	digitalSourceType: `${IPTC}trainedAlgorithmicMedia`,
	author: 'CSTR Edinburgh (Festival); CMU (ARCTIC slt); Nagoya Institute of Technology (HTS)',
	licence: 'BSD-style (EST 2003 / CMU ARCTIC, HTS BSD-3-Clause)',
	parameters: { engine: 'festival', voice: 'cmu_us_slt_arctic_hts', synthesis: 'HMM (HTS)' },
	// This voice ignores Duration_Stretch; hts_engine's own speed option (-r) does the same job.
	command: (text, wav, stretch) => [
		'text2wave',
		[
			'-eval',
			`(begin (voice_cmu_us_slt_arctic_hts) (set! hts_engine_params (append hts_engine_params (list (list "-r" ${round3(1 / stretch)})))))`
		].concat(['-o', wav, writeText(text)])
	],
	rateSetting: (stretch) => ({ htsSpeedRate: round3(1 / stretch) })
};

/** Every engine the voice pairs use, by id. */
export const ENGINES = {
	espeakUs: espeak('en-us', 150),
	espeakUsF3: espeak('en-us+f3', 150),
	espeakItalian: espeak('it', 150),
	espeakFrenchF3: espeak('fr-fr+f3', 150),
	espeakRussianF3: espeak('ru+f3', 150),
	festivalItalian: FESTIVAL_ITALIAN,
	fliteKal16: FLITE_KAL16,
	fliteSlt: FLITE_SLT,
	festivalKal: FESTIVAL_KAL,
	festivalHts: FESTIVAL_HTS
} satisfies Record<string, Engine>;

const scratch = () => {
	const dir = path.join(WORK_DIR, 'voices', 'tts');
	mkdirSync(dir, { recursive: true });
	return dir;
};

function writeText(text: string, encoding: BufferEncoding = 'utf8'): string {
	const file = path.join(scratch(), 'sentence.txt');
	writeFileSync(file, Buffer.from(text + '\n', encoding));
	return file;
}

/** Installed version of a Debian package, as provenance quotes it. */
export function packageVersion(name: string): string {
	return execFileSync('dpkg-query', ['-W', '-f=${Version}', name], { encoding: 'utf8' }).trim();
}

/** Speaks `text` with the engine and returns the samples at RATE (through the shared decoder). */
export function synthesise(engine: Engine, text: string, stretch = 1): Samples {
	const wav = path.join(scratch(), `${engine.id}.wav`);
	const [command, args] = engine.command(text, wav, stretch);
	execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
	return decode(wav);
}
