// HEIF/HEIC metadata blanking for photos.ts (ISO/IEC 23008-12 on ISO-BMFF, ISO/IEC 14496-12). Pure: bytes in,
// bytes out. The npm packages that can rewrite HEIC metadata wrap ExifTool (Perl, native or in WebAssembly), so
// this does the minimum that is sound: it overwrites the bytes of metadata items with zeros where they lie. Nothing
// moves, so every offset in iloc and in the image items stays valid; any structure it does not fully understand
// makes it give up.

/** Thrown inside this file only: the structure is not one we can vouch for. */
class Malformed extends Error {}

interface Box {
  type: string;
  start: number;
  body: number;
  end: number;
}

/** Reads big-endian fields without ever passing `end`, the end of the box being read. */
class Reader {
  constructor(
    private readonly buf: Buffer,
    public pos: number,
    private readonly end: number,
  ) {}

  uint(bytes: number): number {
    if (this.pos + bytes > this.end) throw new Malformed();
    const at = this.pos;
    this.pos += bytes;
    switch (bytes) {
      case 0:
        return 0;
      case 1:
        return this.buf[at];
      case 2:
        return this.buf.readUInt16BE(at);
      case 4:
        return this.buf.readUInt32BE(at);
      case 8: {
        const big = this.buf.readBigUInt64BE(at);
        if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new Malformed();
        return Number(big);
      }
      default:
        throw new Malformed();
    }
  }

  fourcc(): string {
    this.skip(4);
    return this.buf.toString('latin1', this.pos - 4, this.pos);
  }

  skip(bytes: number): void {
    if (this.pos + bytes > this.end) throw new Malformed();
    this.pos += bytes;
  }
}

function boxes(buf: Buffer, start: number, end: number): Box[] {
  const out: Box[] = [];
  for (let p = start; p < end; ) {
    const r = new Reader(buf, p, end);
    let size = r.uint(4);
    const type = r.fourcc();
    if (size === 1) size = r.uint(8);
    else if (size === 0) size = end - p; // "to the end of the enclosing space"
    if (type === 'uuid') r.skip(16); // the extended type
    if (size < r.pos - p || p + size > end) throw new Malformed();
    out.push({ type, start: p, body: r.pos, end: p + size });
    p += size;
  }
  return out;
}

function only(list: Box[], type: string): Box | undefined {
  const found = list.filter((b) => b.type === type);
  if (found.length > 1) throw new Malformed();
  return found[0];
}

// Items that are not pictures: Exif, and MIME items (XMP is 'application/rdf+xml') and URI items, which hold
// location as readily. Pictures ('hvc1', 'grid', 'av01', …) are never touched.
const METADATA_ITEM_TYPES = new Set(['Exif', 'mime', 'uri ']);

function metadataItemIds(buf: Buffer, iinf: Box): Set<number> {
  const r = new Reader(buf, iinf.body, iinf.end);
  const version = r.uint(1);
  r.skip(3); // flags
  if (version > 1) throw new Malformed();
  r.skip(version === 0 ? 2 : 4); // the entry count; the boxes that follow are what we trust
  const ids = new Set<number>();
  for (const infe of boxes(buf, r.pos, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const e = new Reader(buf, infe.body, infe.end);
    const v = e.uint(1);
    e.skip(3); // flags
    // Versions 0 and 1 have no item type, so an Exif item could not be told from a picture.
    if (v < 2 || v > 3) throw new Malformed();
    const id = e.uint(v === 2 ? 2 : 4);
    e.skip(2); // item_protection_index
    if (METADATA_ITEM_TYPES.has(e.fourcc())) ids.add(id);
  }
  return ids;
}

/**
 * Where the given items' bytes are, from iloc. They must lie inside an mdat (or idat) box: blanking anything else
 * could wipe the structure around the picture, so an extent pointing elsewhere is a file we do not vouch for.
 */
function itemExtents(buf: Buffer, iloc: Box, ids: Set<number>, mdats: Box[], idat: Box | undefined) {
  const r = new Reader(buf, iloc.body, iloc.end);
  const version = r.uint(1);
  r.skip(3); // flags
  if (version > 2) throw new Malformed();
  const sizes = r.uint(2);
  const [offsetSize, lengthSize, baseSize] = [sizes >> 12, (sizes >> 8) & 15, (sizes >> 4) & 15];
  const indexSize = version > 0 ? sizes & 15 : 0;
  const count = r.uint(version < 2 ? 2 : 4);
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const id = r.uint(version < 2 ? 2 : 4);
    const method = version > 0 ? r.uint(2) & 15 : 0;
    const dataRef = r.uint(2);
    const base = r.uint(baseSize);
    const extents = r.uint(2);
    for (let j = 0; j < extents; j++) {
      r.skip(indexSize); // extent_index
      const offset = r.uint(offsetSize);
      const length = r.uint(lengthSize);
      if (!ids.has(id)) continue;
      // Data in another file (data_reference_index) or assembled from other items (method 2) is not bytes we can
      // blank here, so we cannot promise it is gone.
      if (dataRef !== 0 || method > 1) throw new Malformed();
      const start = base + offset + (method === 1 ? (idat?.body ?? 0) : 0);
      const home = (method === 1 ? (idat ? [idat] : []) : mdats).find((b) => start >= b.body && start <= b.end);
      if (!home) throw new Malformed();
      // A length of 0 means "the entire referenced data", which could reach into the picture's own bytes.
      const end = start + length;
      if (length === 0 || end > home.end) throw new Malformed();
      out.push([start, end]);
    }
  }
  return out;
}

function metadataExtents(buf: Buffer): [number, number][] {
  const top = boxes(buf, 0, buf.length);
  // Image sequences keep further metadata inside their tracks, which this does not read.
  if (top.some((b) => b.type === 'moov')) throw new Malformed();
  const meta = only(top, 'meta');
  if (top[0]?.type !== 'ftyp' || !meta || meta.body + 4 > meta.end) throw new Malformed(); // no HEIF still image
  const children = boxes(buf, meta.body + 4, meta.end); // meta is a FullBox: skip version and flags
  const iinf = only(children, 'iinf');
  const ids = iinf ? metadataItemIds(buf, iinf) : new Set<number>();
  if (ids.size === 0) return [];
  const iloc = only(children, 'iloc');
  if (!iloc) throw new Malformed();
  const mdats = top.filter((b) => b.type === 'mdat');
  return itemExtents(buf, iloc, ids, mdats, only(children, 'idat'));
}

/** A copy with every Exif/XMP/MIME/URI item's bytes zeroed, or undefined if the file is not one we can vouch for. */
export function stripHeic(buf: Buffer): Buffer | undefined {
  let extents: [number, number][];
  try {
    extents = metadataExtents(buf);
  } catch (err) {
    if (err instanceof Malformed) return undefined;
    throw err;
  }
  const out = Buffer.from(buf);
  for (const [start, end] of extents) out.fill(0, start, end);
  return out;
}
