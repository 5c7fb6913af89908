// The Debian packages the voice recipe reads or runs. Installed on demand, so a fresh machine of
// this kind can rebuild the voices with nothing but `npx tsx src/recipe/voices/build.ts` (as root).
import { execFileSync, spawnSync } from 'node:child_process';

/** Every package the voices need: the real prompts, the synthesisers, the aligner, the codec. */
export const VOICE_PACKAGES = [
	'asterisk-core-sounds-en-g722',
	'asterisk-core-sounds-en',
	'asterisk-core-sounds-fr-g722',
	'asterisk-core-sounds-fr',
	'asterisk-core-sounds-it-g722',
	'asterisk-core-sounds-it',
	'asterisk-core-sounds-ru-g722',
	'asterisk-core-sounds-ru',
	'espeak-ng',
	'flite',
	'festival',
	'festvox-kallpc16k',
	'festvox-us-slt-hts',
	'festvox-itapc16k',
	'pocketsphinx',
	'pocketsphinx-en-us',
	'ffmpeg'
];

function installed(name: string): boolean {
	const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
	return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Installs whichever of VOICE_PACKAGES is missing with apt-get (needs root, as on these machines). */
export function ensureDebianInputs(): void {
	const missing = VOICE_PACKAGES.filter((name) => !installed(name));
	if (missing.length === 0) return;
	console.log(`voices: installing ${missing.join(' ')}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}
