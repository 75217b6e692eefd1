import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decode as decodePng } from 'fast-png';
import { formatProblem, parseMission, serializeMission } from '../../core/mission';
import {
  type ElevationSampler,
  type ElevationTile,
  type RgbEncoding,
  decodeRgbElevation,
  readGeoTiff,
  resampleForMission,
  tileMosaicSampler,
} from '../../core/terrain';
import { numberFlag, parseCommandArgs } from '../args';
import { type CliIO, type Command, UsageError } from '../command';
import { writeOutputFiles } from '../atomicWrite';
import { readMissionFile } from '../files';
import { createProgressBar } from '../progress';

const USAGE =
  'skyhaul terrain <dem.tif> --into <mission.json> [--spacing M] [--margin M] [--attribution TEXT] --out new-mission.json\n' +
  '       skyhaul terrain <tiles-dir> --encoding terrarium|mapbox --into <mission.json> [--spacing M] [--margin M] --out new-mission.json\n' +
  '       (tiles-dir holds z/x/y.png elevation tiles; the highest zoom present is used)';

export const terrainCommand: Command = {
  name: 'terrain',
  summary: 'add ground elevations to a mission from a GeoTIFF DEM or Terrarium / Mapbox-RGB tiles (writes a new file)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        into: { type: 'string' },
        out: { type: 'string' },
        spacing: { type: 'string' },
        margin: { type: 'string' },
        encoding: { type: 'string' },
        attribution: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one DEM file or tiles folder');
    if (!values.into) throw new UsageError('--into <mission.json> is required');
    if (!values.out) throw new UsageError('--out is required (give the --into file again to overwrite it)');
    const spacingM = values.spacing === undefined ? 30 : numberFlag('--spacing', values.spacing, { unit: 'm', min: 1, max: 1000 });
    const marginM = values.margin === undefined ? 2000 : numberFlag('--margin', values.margin, { unit: 'm', min: 0, max: 50_000 });
    const source = positionals[0];
    let isDir: boolean;
    try {
      isDir = statSync(source).isDirectory();
    } catch (e) {
      io.err(`${source}: cannot read: ${(e as Error).message}\n`);
      return 1;
    }
    if (!isDir && values.encoding !== undefined) throw new UsageError('--encoding is for a folder of RGB elevation tiles, not a GeoTIFF');
    if (isDir && values.encoding !== 'terrarium' && values.encoding !== 'mapbox') throw new UsageError('--encoding must be terrarium or mapbox for a tiles folder');

    const mission = readMissionFile(values.into, io);
    if (!mission) return 1;
    const sampler = isDir ? readTiles(source, values.encoding as RgbEncoding, io) : await readDem(source, io);
    if (!sampler) return 1;

    const bar = createProgressBar(io, `resampling at ${spacingM} m`);
    const r = resampleForMission(mission, sampler, { spacingM, marginM, attribution: values.attribution, onProgress: (f) => bar.update(f) });
    if (!r.ok) {
      io.err(`${source}: ${r.message}\n`);
      return 1;
    }
    bar.done(`${r.terrain.cols} x ${r.terrain.rows} samples`);
    // Through the loader: the new mission is checked like any file (and its schema order kept).
    const loaded = parseMission({ ...mission, terrain: r.terrain });
    if (!loaded.ok) {
      io.err('the mission with the terrain added would be invalid:\n');
      for (const p of loaded.errors) io.err(`  error ${formatProblem(p)}\n`);
      return 1;
    }
    if (!writeOutputFiles(io, [{ path: values.out, data: serializeMission(loaded.mission) }])) return 1;
    const t = r.terrain;
    io.out(
      `${resolve(values.out)}: terrain ${t.cols} x ${t.rows} samples every ${t.spacingM} m (${((t.cols - 1) * t.spacingM) / 1000} x ${((t.rows - 1) * t.spacingM) / 1000} km), ground ${r.rangeM[0].toFixed(1)}..${r.rangeM[1].toFixed(1)} m AMSL\n`,
    );
    return 0;
  },
};

async function readDem(path: string, io: CliIO): Promise<ElevationSampler | undefined> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    io.err(`${path}: cannot read: ${(e as Error).message}\n`);
    return undefined;
  }
  const r = await readGeoTiff(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  if (!r.ok) {
    io.err(`${path}: ${r.message}\n`);
    return undefined;
  }
  return r.sample;
}

/** Every z/x/y.png of the highest zoom in the folder, decoded. */
function readTiles(dir: string, encoding: RgbEncoding, io: CliIO): ElevationSampler | undefined {
  const zooms = readdirSync(dir).filter((n) => /^\d+$/.test(n)).map(Number);
  if (zooms.length === 0) {
    io.err(`${dir}: no zoom folders (expected z/x/y.png tiles)\n`);
    return undefined;
  }
  const z = Math.max(...zooms);
  const files: { x: number; y: number; path: string }[] = [];
  for (const xs of readdirSync(join(dir, String(z))).filter((n) => /^\d+$/.test(n))) {
    for (const f of readdirSync(join(dir, String(z), xs))) {
      const m = /^(\d+)\.png$/i.exec(f);
      if (m) files.push({ x: Number(xs), y: Number(m[1]), path: join(dir, String(z), xs, f) });
    }
  }
  const bar = createProgressBar(io, `decoding ${files.length} tiles (z${z})`);
  const tiles: ElevationTile[] = [];
  for (const [k, f] of files.entries()) {
    let png: ReturnType<typeof decodePng>;
    try {
      png = decodePng(readFileSync(f.path));
    } catch (e) {
      io.err(`${f.path}: not a readable PNG: ${(e as Error).message}\n`);
      return undefined;
    }
    if (png.width !== png.height || (png.channels !== 3 && png.channels !== 4) || png.depth !== 8) {
      io.err(`${f.path}: expected a square 8-bit RGB or RGBA tile, got ${png.width} x ${png.height}, ${png.channels} channels, ${png.depth}-bit\n`);
      return undefined;
    }
    tiles.push({ z, x: f.x, y: f.y, size: png.width, heights: decodeRgbElevation(png.data, png.channels, encoding) });
    bar.update((k + 1) / files.length);
  }
  bar.done();
  try {
    return tileMosaicSampler(tiles);
  } catch (e) {
    io.err(`${dir}: ${(e as Error).message}\n`);
    return undefined;
  }
}
