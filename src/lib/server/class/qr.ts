/** QR codes drawn on the server as SVG, so the lobby needs no script and no third party. */
import QRCode from 'qrcode';

/** An SVG QR code for `url`, black on white (scanners want that), scaling to its box. */
export async function qrSvg(url: string): Promise<string> {
	const svg = await QRCode.toString(url, {
		type: 'svg',
		errorCorrectionLevel: 'M',
		margin: 2,
		color: { dark: '#000000', light: '#ffffff' }
	});
	// The page shows the same URL as text beside it, so the picture is hidden from screen readers.
	return svg.replace(/<svg /, '<svg aria-hidden="true" focusable="false" ');
}
