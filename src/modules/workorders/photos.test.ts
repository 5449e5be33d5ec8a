import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { hasLocation, type ImageType, sniffImageType, stripLocation } from './photos.ts';

// Every sample is built here byte by byte, so each test shows exactly what a phone would have put in the file.
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const latin1 = (s: string) => Buffer.from(s, 'latin1');
const cat = (...parts: Buffer[]) => Buffer.concat(parts);
const u16 = (n: number) => hex(n.toString(16).padStart(4, '0'));
const u32 = (n: number) => hex(n.toString(16).padStart(8, '0'));
const u32le = (n: number) => u32(n).reverse();

// GPSLatitude 31°59'15.54" as three RATIONALs, and the same place in XMP: neither may survive stripping.
const LATITUDE = hex('0000001f 00000001 0000003b 00000001 00000612 00000064');
const XMP = latin1('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="31,59.259N"/></x:xmpmeta>');
const leaks = (buf: Buffer) => buf.includes(LATITUDE) || buf.includes('GPSLatitude');

/** A big-endian TIFF as phones write it: IFD0 {Orientation, GPS IFD pointer}, GPS IFD {LatitudeRef N, Latitude}. */
function tiffWithGps(orientation = 6): Buffer {
  const ifd0 = cat(u16(2), u16(0x0112), u16(3), u32(1), u16(orientation), u16(0), u16(0x8825), u16(4), u32(1), u32(38));
  const gps = cat(u16(2), u16(1), u16(2), u32(2), latin1('N\0\0\0'), u16(2), u16(5), u32(3), u32(68));
  return cat(latin1('MM\0*'), u32(8), ifd0, u32(0), gps, u32(0), LATITUDE);
}

// JPEG
const segment = (marker: number, body: Buffer) => cat(u16(0xff00 | marker), u16(body.length + 2), body);
const SOI = hex('ffd8');
const EOI = hex('ffd9');
const JFIF = segment(0xe0, hex('4a46494600 0101 00 0001 0001 0000'));
// A real 16×16 greyscale JPEG from cjpeg (restart markers on) after its SOI and JFIF: DQT, SOF0, DHT, DRI, SOS,
// the scan with its RST0 markers, EOI. djpeg decodes it.
const CODESTREAM = hex(`
  ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c3031
  3434341f27393d38323c2e333432ffc0000b080010001001011100ffc400160001010100000000000000000000000000040203ffc40020
  100003010100010403000000000000000001020304111200051322213181ffdd00040002ffda0008010100003f002a467932ae521658f4
  a32cd520d9a346f8d578930a745d7ae4ba1207f38429b299c061d13999972639ab22896e3799e66975e93088194d181fa9e77f7ebfffd0
  babdb94a96ea7cbe34d89569a921d7c51f53b7cac55660f62a4153d03807ac70de57cf11ed9a8b49a336d0bedb9d15142b00be54a32ab0
  055d3caccc59683e83f04fffd9`);
const EXIF_APP1 = (orientation = 6) => segment(0xe1, cat(latin1('Exif\0\0'), tiffWithGps(orientation)));
const XMP_APP1 = segment(0xe1, cat(latin1('http://ns.adobe.com/xap/1.0/\0'), XMP));
const jpeg = cat(SOI, JFIF, EXIF_APP1(), XMP_APP1, segment(0xfe, latin1('Nantong')), CODESTREAM);

// PNG
const PNG_SIGNATURE = hex('89504e470d0a1a0a');
const chunk = (type: string, data: Buffer) =>
  cat(u32(data.length), latin1(type), data, u32(crc32(cat(latin1(type), data))));
const IHDR = chunk('IHDR', hex('00000001 00000001 08 00 00 00 00')); // 1×1, 8-bit grey
const IDAT = chunk('IDAT', deflateSync(hex('00 80'))); // filter byte, one mid-grey pixel
const IEND = chunk('IEND', Buffer.alloc(0));
const PHYS = chunk('pHYs', hex('00000b13 00000b13 01'));
const pngText = [
  chunk('iTXt', cat(latin1('XML:com.adobe.xmp\0\0\0\0\0'), XMP)),
  chunk('tEXt', latin1('Comment\0Nantong')),
];
const png = cat(PNG_SIGNATURE, IHDR, chunk('eXIf', tiffWithGps()), PHYS, ...pngText, IDAT, IEND);

// WebP
const riff = (...chunks: Buffer[]) => cat(latin1('RIFF'), u32le(4 + cat(...chunks).length), latin1('WEBP'), ...chunks);
const wchunk = (type: string, data: Buffer) =>
  cat(latin1(type), u32le(data.length), data, hex(data.length % 2 ? '00' : ''));
const vp8x = (flags: number) => wchunk('VP8X', cat(Buffer.from([flags, 0, 0, 0]), hex('000000 000000'))); // 1×1
const ICCP = wchunk('ICCP', latin1('stands in for a profile'));
const VP8L = wchunk('VP8L', hex('2f000000000750a00216a4ff8188e87f00')); // a real 1×1 lossless bitstream from cwebp
const XMP_ODD = XMP.length % 2 ? XMP : cat(XMP, latin1(' ')); // odd, so the padding byte is exercised
const webp = riff(vp8x(0x20 | 0x08 | 0x04), ICCP, wchunk('XMP ', XMP_ODD), VP8L, wchunk('EXIF', tiffWithGps()));

// HEIC: ISO-BMFF boxes; item data in mdat (construction method 0) or in meta's idat (method 1).
const box = (type: string, ...parts: Buffer[]) => cat(u32(8 + cat(...parts).length), latin1(type), ...parts);
const fullBox = (type: string, version: number, ...parts: Buffer[]) => box(type, u32(version << 24), ...parts);
interface Item {
  type: string;
  data: Buffer;
  method?: number;
  contentType?: string;
  shift?: number; // moves the iloc offset, to point an extent where it does not belong
}
const HEVC = latin1('stands in for the coded picture, which nothing here may change');
const EXIF_ITEM = cat(u32(6), latin1('Exif\0\0'), tiffWithGps());
const XMP_ITEM: Item = { type: 'mime', data: XMP, method: 1, contentType: 'application/rdf+xml' };

function heif(items: Item[], after: Buffer[] = [], brands = ['heic', 'mif1', 'heic']): Buffer {
  const ftyp = box('ftyp', latin1(brands[0]), u32(0), latin1(brands.slice(1).join('')));
  const meta = (mdatBody: number) => {
    let [inMdat, inIdat] = [mdatBody, 0];
    const entries = items.map((it, i) => {
      const method = it.method ?? 0;
      const at = (method === 1 ? inIdat : inMdat) + (it.shift ?? 0);
      if (method === 1) inIdat += it.data.length;
      else inMdat += it.data.length;
      return cat(u16(i + 1), u16(method), u16(0), u16(1), u32(at), u32(it.data.length));
    });
    const infes = items.map((it, i) =>
      fullBox('infe', 2, u16(i + 1), u16(0), latin1(`${it.type}\0${it.contentType ? `${it.contentType}\0` : ''}`)),
    );
    const idat = items.filter((it) => it.method === 1).map((it) => it.data);
    return fullBox(
      'meta',
      0,
      fullBox('hdlr', 0, u32(0), latin1('pict'), Buffer.alloc(13)),
      fullBox('pitm', 0, u16(1)),
      fullBox('iinf', 0, u16(items.length), ...infes),
      fullBox('iloc', 1, u16(0x4400), u16(items.length), ...entries),
      ...(idat.length ? [box('idat', ...idat)] : []),
    );
  };
  const mdat = box('mdat', ...items.filter((it) => it.method !== 1).map((it) => it.data));
  return cat(ftyp, meta(ftyp.length + meta(0).length + 8), mdat, ...after);
}
const heic = heif([{ type: 'hvc1', data: HEVC }, { type: 'Exif', data: EXIF_ITEM }, XMP_ITEM]);

const samples: [ImageType, Buffer][] = [
  ['jpeg', jpeg],
  ['png', png],
  ['webp', webp],
  ['heic', heic],
];

test('the type comes from the bytes, whatever the upload claims', () => {
  for (const [type, buf] of samples) assert.equal(sniffImageType(buf), type);
  assert.equal(sniffImageType(heif([{ type: 'hvc1', data: HEVC }], [], ['mif1', 'heic'])), 'heic');
  for (const other of [
    latin1('GIF89a\x01\0\x01\0\x80\0\0'),
    latin1('%PDF-1.7\n%âãÏÓ\n'),
    latin1('just some text, named photo.jpg'),
    Buffer.alloc(0),
    hex('ffd8'),
    riff(wchunk('fmt ', Buffer.alloc(16))).fill('WAVE', 8, 12),
    heif([{ type: 'av01', data: HEVC }], [], ['avif', 'mif1', 'miaf']), // AVIF is HEIF, but not a type we take
    box('ftyp', latin1('isom'), u32(0), latin1('isomiso2mp41')), // an MP4 video
  ]) {
    assert.equal(sniffImageType(other), undefined, other.subarray(0, 12).toString('latin1'));
  }
});

test('JPEG: Exif, XMP and comments go, a fresh Exif keeps only the orientation, the codestream is untouched', () => {
  const tiff = cat(latin1('MM\0*'), u32(8), u16(1), u16(0x0112), u16(3), u32(1), u16(6), u16(0), u32(0));
  const expected = cat(SOI, JFIF, segment(0xe1, cat(latin1('Exif\0\0'), tiff)), CODESTREAM);
  const out = stripLocation(jpeg, 'jpeg')!;
  assert.deepEqual(out, expected);
  assert.equal(leaks(jpeg) && !leaks(out), true);
  assert.equal(hasLocation(jpeg, 'jpeg'), true);
  assert.equal(hasLocation(out, 'jpeg'), false);
});

test('JPEG: what follows EOI goes (a motion photo hides a video there); segments between scans are walked', () => {
  const plain = cat(SOI, JFIF, CODESTREAM);
  assert.deepEqual(stripLocation(cat(plain, latin1('ftypmp42 and a video with its own GPS')), 'jpeg'), plain);
  // A progressive file: metadata after the first scan, whose data holds a stuffed 0xFF00 and a restart marker.
  const sos = segment(0xda, hex('01 0100 003f00'));
  const scans = (middle: Buffer[]) => cat(SOI, sos, hex('12ff0034ffd056'), ...middle, sos, hex('78'), EOI);
  assert.deepEqual(stripLocation(scans([EXIF_APP1(1), XMP_APP1]), 'jpeg'), scans([]));
});

test('PNG: eXIf and every text chunk go; the picture and its rendering chunks stay byte for byte', () => {
  const expected = cat(PNG_SIGNATURE, IHDR, PHYS, IDAT, IEND);
  const out = stripLocation(cat(png, latin1('appended junk')), 'png')!;
  assert.deepEqual(out, expected);
  assert.equal(leaks(png) && !leaks(out), true);
  assert.equal(hasLocation(out, 'png'), false);
  // A critical chunk nobody knows cannot be judged, so the file is refused rather than passed on.
  assert.equal(stripLocation(cat(PNG_SIGNATURE, IHDR, chunk('GPSx', LATITUDE), IDAT, IEND), 'png'), undefined);
});

test('WebP: EXIF and XMP chunks go, VP8X stops announcing them, the RIFF size is right', () => {
  const out = stripLocation(webp, 'webp')!;
  assert.deepEqual(out, riff(vp8x(0x20), ICCP, VP8L)); // the ICC flag stays, with its chunk
  assert.equal(out.readUInt32LE(4), out.length - 8);
  assert.equal(leaks(webp) && !leaks(out), true);
  assert.equal(hasLocation(out, 'webp'), false);
});

test('HEIC: Exif and XMP items are zeroed where they lie; nothing moves, the picture is untouched', () => {
  const out = stripLocation(heic, 'heic')!;
  const expected = Buffer.from(heic);
  for (const data of [EXIF_ITEM, XMP]) expected.fill(0, heic.indexOf(data), heic.indexOf(data) + data.length);
  assert.deepEqual(out, expected);
  assert.equal(out.includes(HEVC), true);
  assert.equal(leaks(heic) && !leaks(out), true);
  assert.equal(hasLocation(heic, 'heic'), true);
  assert.equal(hasLocation(out, 'heic'), false);
});

test('HEIC: what cannot be vouched for is refused, not passed on', () => {
  const picture: Item = { type: 'hvc1', data: HEVC };
  for (const [why, file] of [
    ['Exif built from other items', heif([picture, { type: 'Exif', data: EXIF_ITEM, method: 2 }])],
    ['an extent outside mdat', heif([picture, { type: 'Exif', data: EXIF_ITEM, shift: -HEVC.length - 20 }])],
    ['an image sequence', heif([picture, { type: 'Exif', data: EXIF_ITEM }], [box('moov', box('udta', LATITUDE))])],
  ] as const) {
    assert.equal(stripLocation(file, 'heic'), undefined, why);
    assert.equal(hasLocation(file, 'heic'), true, why);
  }
});

test('a file without metadata comes back identical, as a copy', () => {
  for (const [type, buf] of [
    ['jpeg', cat(SOI, JFIF, CODESTREAM)],
    ['png', cat(PNG_SIGNATURE, IHDR, IDAT, IEND)],
    ['webp', riff(VP8L)],
    ['heic', heif([{ type: 'hvc1', data: HEVC }])],
  ] as const) {
    const out = stripLocation(buf, type);
    assert.deepEqual(out, buf, type);
    assert.notEqual(out, buf, `${type}: changing the copy must not change the upload`);
    assert.equal(hasLocation(buf, type), false, type);
  }
});

test('a truncated file is refused, never an exception', () => {
  for (const [type, buf] of samples) {
    for (let length = 0; length < buf.length; length++) {
      assert.equal(stripLocation(buf.subarray(0, length), type), undefined, `${type} cut at ${length}`);
    }
  }
});

test('a corrupted file is refused or comes back with nothing left to strip, never an exception', () => {
  for (const [type, buf] of samples) {
    const damage = fc.array(fc.tuple(fc.nat(buf.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1 });
    fc.assert(
      fc.property(damage, (edits) => {
        const broken = Buffer.from(buf);
        for (const [at, byte] of edits) broken[at] = byte;
        const out = stripLocation(broken, type);
        return out === undefined || !hasLocation(out, type);
      }),
      { numRuns: 300 },
    );
  }
});
