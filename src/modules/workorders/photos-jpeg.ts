// JPEG metadata removal for photos.ts. Pure: bytes in, bytes out.

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

const EXIF_ID = Buffer.from('Exif\0\0', 'latin1');

// APPn segments a decoder needs to show the picture right: JFIF/JFXX (pixel aspect), ICC profile (colours) and Adobe
// (how to read CMYK/YCCK). Every other APPn and every comment is metadata, and a whitelist also catches the carriers
// nobody listed: XMP and extended XMP (APP1), IPTC/Photoshop (APP13, with place names), C2PA/JUMBF (APP11), MPF.
const KEEP_APP: Record<number, Buffer[]> = {
  [APP0]: [Buffer.from('JFIF\0', 'latin1'), Buffer.from('JFXX\0', 'latin1')],
  [APP2]: [Buffer.from('ICC_PROFILE\0', 'latin1')],
  [APP14]: [Buffer.from('Adobe', 'latin1')],
};

// Markers with a length that baseline, progressive, lossless and arithmetic-coded JPEG use, plus APPn and COM. The
// rest (JPEG-LS, reserved ranges) no browser shows, and keeping bytes we cannot name could keep a location.
const hasLength = (m: number) => (m >= 0xc0 && m <= 0xcf && m !== 0xc8) || (m >= 0xda && m <= 0xef) || m === COM;

interface Segment {
  marker: number; // -1: entropy-coded scan data
  start: number; // including any 0xFF fill bytes before the marker
  end: number;
  body: number; // where the payload after the length field starts
}

/**
 * The file cut into segments up to and including EOI, or undefined if it is not a complete JPEG. Scans are walked
 * too (not copied blindly after the first SOS) because progressive files carry segments between scans.
 */
function segments(buf: Buffer): Segment[] | undefined {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== SOI) return undefined;
  const out: Segment[] = [{ marker: SOI, start: 0, end: 2, body: 2 }];
  let p = 2;
  for (;;) {
    if (p >= buf.length || buf[p] !== 0xff) return undefined;
    let q = p;
    while (q < buf.length && buf[q] === 0xff) q++;
    if (q >= buf.length || buf[q] === 0 || buf[q] === SOI) return undefined;
    const marker = buf[q];
    if (marker === EOI) {
      out.push({ marker, start: p, end: q + 1, body: q + 1 });
      return out;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push({ marker, start: p, end: q + 1, body: q + 1 }); // TEM and RSTn stand alone, without a length
      p = q + 1;
      continue;
    }
    if (!hasLength(marker)) return undefined;
    if (q + 3 > buf.length) return undefined;
    const end = q + 1 + buf.readUInt16BE(q + 1);
    if (end < q + 3 || end > buf.length) return undefined;
    out.push({ marker, start: p, end, body: q + 3 });
    p = end;
    if (marker !== SOS) continue;
    // Scan data ends at the first marker that is neither a stuffed 0xFF00 nor a restart marker.
    let r = p;
    for (;;) {
      r = buf.indexOf(0xff, r);
      if (r < 0 || r + 1 >= buf.length) return undefined;
      const next = buf[r + 1];
      if (next === 0 || (next >= 0xd0 && next <= 0xd7)) r += 2;
      else break;
    }
    if (r > p) out.push({ marker: -1, start: p, end: r, body: p });
    p = r;
  }
}

const startsWith = (buf: Buffer, at: number, end: number, prefix: Buffer) =>
  end - at >= prefix.length && buf.subarray(at, at + prefix.length).equals(prefix);

/** The Exif orientation tag (IFD0 0x0112), or undefined if absent or unreadable: we never guess a rotation. */
function orientationOf(tiff: Buffer): number | undefined {
  if (tiff.length < 8) return undefined;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return undefined;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return undefined;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + 12 * i;
    if (at + 12 > tiff.length) return undefined;
    if (u16(at) !== 0x0112) continue;
    const value = u16(at + 8);
    return u16(at + 2) === 3 && u32(at + 4) === 1 && value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** A fresh APP1 holding nothing but the orientation, built from scratch so no other original byte survives. */
function orientationOnlyExif(orientation: number): Buffer {
  const seg = Buffer.alloc(36);
  seg.writeUInt16BE(0xff00 | APP1, 0);
  seg.writeUInt16BE(34, 2);
  EXIF_ID.copy(seg, 4);
  seg.write('MM\0*', 10, 'latin1'); // TIFF header, big-endian; IFD0 right after it
  seg.writeUInt32BE(8, 14);
  seg.writeUInt16BE(1, 18); // one entry: Orientation, SHORT, count 1
  seg.writeUInt16BE(0x0112, 20);
  seg.writeUInt16BE(3, 22);
  seg.writeUInt32BE(1, 24);
  seg.writeUInt16BE(orientation, 28);
  return seg; // the next-IFD offset (bytes 32..35) stays 0: no IFD1, so no thumbnail
}

/**
 * Everything up to EOI that is not metadata, byte for byte. Exif goes whole rather than having its GPS IFD cut out:
 * Exif also hides location in maker notes, and rewriting IFD offsets is where strippers go wrong. Only the
 * orientation is carried over, in a new segment, because phones store portrait shots sideways and rely on it.
 * Whatever follows EOI goes too: motion-photo videos and MPF gain-map images sit there with their own metadata.
 */
export function stripJpeg(buf: Buffer): Buffer | undefined {
  const segs = segments(buf);
  if (!segs) return undefined;
  const parts: Buffer[] = [];
  let orientationWritten = false;
  for (const s of segs) {
    const keepIds = KEEP_APP[s.marker];
    if (s.marker === APP1 && startsWith(buf, s.body, s.end, EXIF_ID)) {
      const orientation = orientationOf(buf.subarray(s.body + EXIF_ID.length, s.end));
      if (!orientationWritten && orientation !== undefined && orientation !== 1) {
        parts.push(orientationOnlyExif(orientation));
        orientationWritten = true;
      }
    } else if (keepIds) {
      if (keepIds.some((id) => startsWith(buf, s.body, s.end, id))) parts.push(buf.subarray(s.start, s.end));
    } else if (!((s.marker >= 0xe0 && s.marker <= 0xef) || s.marker === COM)) {
      parts.push(buf.subarray(s.start, s.end));
    }
  }
  return Buffer.concat(parts);
}
