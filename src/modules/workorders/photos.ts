// Repair-ticket photos (报事报修照片): what a file is, and a copy of it that tells nobody where it was taken.
// Pure functions; the service decides what to store and who sees which copy.
import { stripHeic } from './photos-heic.ts';
import { stripJpeg } from './photos-jpeg.ts';

export type ImageType = 'jpeg' | 'png' | 'webp' | 'heic';

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTOS_PER_TICKET = 9;

const ascii = (buf: Buffer, start: number, end: number) => buf.toString('latin1', start, end);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// HEIF brands of still images and sequences; mif1/msf1 are the generic HEIF brands some encoders put first.
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
// AVIF is HEIF too and lists mif1, but it is not a type we accept, and calling it heic would mislabel it.
const NOT_HEIC = new Set(['avif', 'avis']);

function isHeif(buf: Buffer): boolean {
  if (buf.length < 16 || ascii(buf, 4, 8) !== 'ftyp') return false;
  const size = buf.readUInt32BE(0);
  if (size < 16 || size > buf.length) return false;
  const major = ascii(buf, 8, 12);
  if (NOT_HEIC.has(major)) return false;
  if (HEIF_BRANDS.has(major)) return true;
  for (let p = 16; p + 4 <= size; p += 4) if (HEIF_BRANDS.has(ascii(buf, p, p + 4))) return true;
  return false;
}

/** The type by the file's own first bytes; the declared content type and file name are never asked. */
export function sniffImageType(buf: Buffer): ImageType | undefined {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (buf.length >= 12 && ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') return 'webp';
  if (isHeif(buf)) return 'heic';
  return undefined;
}

// Ancillary PNG chunks that change how the picture looks (transparency, colour, pixel size, animation). Text chunks
// go whatever their keyword: XMP lives in iTXt 'XML:com.adobe.xmp', ImageMagick writes Exif as hex into zTXt
// 'Raw profile type exif', and free text can name a place; none of them changes a pixel. Unknown ancillary chunks
// (C2PA's caBX, private ones) go too: decoders skip them anyway, so only metadata can be lost.
const PNG_KEEP = new Set('tRNS cHRM gAMA iCCP sBIT sRGB cICP mDCV cLLI bKGD hIST pHYs sPLT acTL fcTL fdAT'.split(' '));

const PNG_CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);

function stripPng(buf: Buffer): Buffer | undefined {
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  const parts: Buffer[] = [PNG_SIGNATURE];
  for (let p = 8; p + 12 <= buf.length; ) {
    const length = buf.readUInt32BE(p);
    const type = ascii(buf, p + 4, p + 8);
    const end = p + 12 + length; // length, type, data, CRC: copied whole, each chunk's CRC stays right
    if (length > 0x7fffffff || end > buf.length) return undefined;
    if (PNG_CRITICAL.has(type) || PNG_KEEP.has(type)) parts.push(buf.subarray(p, end));
    // An unknown critical chunk (upper-case first letter) is one no decoder shows and we cannot judge.
    else if ((buf[p + 4] & 0x20) === 0) return undefined;
    if (type === 'IEND') return Buffer.concat(parts); // anything appended after IEND goes with the metadata
    p = end;
  }
  return undefined;
}

// WebP chunks that make up the picture; EXIF, 'XMP ' and anything unknown go.
const WEBP_KEEP = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const VP8X_EXIF_AND_XMP = 0x08 | 0x04;

function stripWebp(buf: Buffer): Buffer | undefined {
  if (buf.length < 12) return undefined;
  const riffEnd = 8 + buf.readUInt32LE(4);
  if (riffEnd > buf.length) return undefined;
  const parts: Buffer[] = [];
  for (let p = 12; p < riffEnd; ) {
    if (p + 8 > riffEnd) return undefined;
    const dataEnd = p + 8 + buf.readUInt32LE(p + 4);
    if (dataEnd > riffEnd) return undefined;
    const end = Math.min(riffEnd, dataEnd + ((dataEnd - p) & 1)); // chunks are padded to even length
    if (WEBP_KEEP.has(ascii(buf, p, p + 4))) parts.push(buf.subarray(p, end));
    p = end;
  }
  if (parts.length === 0) return undefined;
  const body = Buffer.concat(parts);
  // The VP8X flags announce EXIF and XMP chunks; left set, a decoder would go looking for chunks that are gone.
  if (ascii(body, 0, 4) === 'VP8X' && body.length > 8) body[8] &= ~VP8X_EXIF_AND_XMP;
  const header = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  header.writeUInt32LE(4 + body.length, 4); // anything after the RIFF's declared end is dropped with the metadata
  return Buffer.concat([header, body]);
}

const STRIP: Record<ImageType, (buf: Buffer) => Buffer | undefined> = {
  jpeg: stripJpeg,
  png: stripPng,
  webp: stripWebp,
  heic: stripHeic,
};

/**
 * A copy without location (and the other metadata that can hold it), the picture's bytes unchanged; undefined when
 * the file cannot be parsed well enough to be sure, and then only the handlers may see it. JPEG keeps its Exif
 * orientation, rebuilt in a fresh segment; PNG, WebP and HEIC lose nothing a browser uses to show them.
 */
export function stripLocation(buf: Buffer, type: ImageType): Buffer | undefined {
  try {
    return STRIP[type](buf);
  } catch (err) {
    // A read past the end of a truncated file is "cannot be sure", not a server error.
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}

/**
 * Whether the file may still tell where it was taken: it holds metadata that stripLocation would remove (Exif, XMP,
 * text chunks, metadata items, trailing data), or it cannot be parsed. A file stripLocation returned answers false.
 */
export function hasLocation(buf: Buffer, type: ImageType): boolean {
  const stripped = stripLocation(buf, type);
  return stripped === undefined || !stripped.equals(buf);
}
