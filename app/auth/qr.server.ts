/**
 * QR codes for the enrolment page, drawn on the server as one SVG path (no
 * script, no image request, nothing for the CSP to block).
 */
import { encode } from "uqr";

/** The modules of `text`'s QR code as an SVG path, with the size of its square viewBox (4-module quiet zone). */
export function qrCodePath(text: string): { path: string; size: number } {
  const { data, size } = encode(text, { ecc: "M", border: 4 });
  let path = "";
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x},${y}h1v1h-1z`;
    }),
  );
  return { path, size };
}
