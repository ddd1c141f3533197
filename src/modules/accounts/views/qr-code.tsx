/**
 * The enrolment QR code, drawn on the server as inline SVG (qrcode 1.5.4):
 * no script, no request to anyone else, and it prints. The SVG is the
 * library's output (paths only, no text of ours), marked as one image with
 * an accessible name; the key is shown as text beside it for those who
 * cannot scan (a screen reader user, a phone without a camera).
 */
import { toString } from "qrcode";
import { raw } from "hono/html";

/** The otpauth URI as an SVG element string with role="img" and a title. */
export async function qrCodeSvg(text: string, label: string): Promise<string> {
  // Level M survives a smudged screen; margin 4 is the quiet zone the standard asks for.
  const svg = await toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
  const escaped = label.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return svg.replace(/^<svg /, `<svg class="qr-code" role="img" aria-label="${escaped}" focusable="false" `);
}

export function QrCode(props: { svg: string }) {
  return <div class="qr-code-frame">{raw(props.svg)}</div>;
}
