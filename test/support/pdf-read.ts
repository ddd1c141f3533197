/**
 * Reading a printed PDF back in tests: the alternative texts of its tagged
 * figures (pdf-lib), and a QR code drawn on a page (rendered with poppler's
 * pdftoppm, modules sampled at their centres) compared with the modules the
 * qrcode package makes for the expected text. The QR codes on the letters
 * are vector drawings, not images, so there is nothing to extract: reading
 * the rendered page is what a phone's camera does.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import QRCode from "qrcode";

export async function pdfFigureAlts(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  const alts: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || String(obj.get(PDFName.of("S"))) !== "/Figure") continue;
    const alt = obj.get(PDFName.of("Alt"));
    alts.push(alt instanceof PDFString || alt instanceof PDFHexString ? alt.decodeText() : "");
  }
  return alts;
}

/** The QR symbol for a text as the letters draw it (error correction M), one "0"/"1" string per row, quiet zone excluded. */
export function qrModulesOf(text: string): { size: number; modules: string[] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const rows = Array.from({ length: modules.size }, (_, r) => Array.from({ length: modules.size }, (_, c) => (modules.get(r, c) ? "1" : "0")).join(""));
  return { size: modules.size, modules: rows };
}

type Gray = { width: number; height: number; dark: (x: number, y: number) => boolean };

function renderPage(file: string, page: number): Gray {
  const dir = mkdtempSync(join(tmpdir(), "pdf-page-"));
  try {
    execFileSync("pdftoppm", ["-r", "300", "-gray", "-f", String(page), "-l", String(page), file, join(dir, "p")]);
    const bytes = readFileSync(join(dir, readdirSync(dir)[0]!));
    // PGM (P5): "P5\n<width> <height>\n<max>\n" then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString("latin1"))!;
    const [width, height, offset] = [Number(header[1]), Number(header[2]), header[0].length];
    return { width, height, dark: (x, y) => bytes[offset + Math.round(y) * width + Math.round(x)]! < 128 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The 7×7 finder pattern: a dark ring, a light ring, a dark 3×3 centre. */
function isFinder(read: (i: number, j: number) => boolean): boolean {
  for (let i = 0; i < 7; i++) {
    for (let j = 0; j < 7; j++) {
      const ring = Math.max(Math.abs(i - 3), Math.abs(j - 3));
      if (read(i, j) !== (ring !== 2)) return false;
    }
  }
  return true;
}

/**
 * Finds the QR symbol of `size` modules on a page by its two upper finder
 * patterns (a dark run of 7 modules, and another (size − 7) modules to its
 * right, on the same pixel row) and reads every module at its centre.
 * Returns the rows as qrModulesOf does, or [] when no symbol is found.
 */
export function qrModulesOnPage(file: string, page: number, size: number): string[] {
  const image = renderPage(file, page);
  for (let y = 0; y < image.height; y++) {
    const runs: { start: number; length: number }[] = [];
    for (let x = 0; x < image.width; ) {
      if (!image.dark(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < image.width && image.dark(x, y)) x++;
      runs.push({ start, length: x - start });
    }
    for (const left of runs) {
      const module = left.length / 7;
      if (module < 4) continue;
      const right = runs.find((r) => Math.abs(r.start - (left.start + (size - 7) * module)) < module / 2 && Math.abs(r.length - left.length) < module / 2);
      if (!right) continue;
      const m = (right.start - left.start) / (size - 7);
      const read = (row: number, column: number) => image.dark(left.start + (column + 0.5) * m, y + (row + 0.5) * m);
      // All three finder patterns where they must be, or this was not the symbol (a stroke of text, a border).
      if (![[0, 0], [0, size - 7], [size - 7, 0]].every(([r, c]) => isFinder((i, j) => read(r! + i, c! + j)))) continue;
      return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => (read(r, c) ? "1" : "0")).join(""));
    }
  }
  return [];
}
