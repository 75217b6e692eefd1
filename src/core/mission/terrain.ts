/**
 * The mission's elevation model (`terrain`): a regular square grid of ground heights in the local
 * metric frame. Unlike the map `context`, terrain is airspace: the path finder climbs over it.
 * Absent: the ground is flat at 0 m everywhere (every mission before terrain existed).
 */
import { z } from 'zod';
import { decodeHeights } from '../terrain/codec';

/** 1024 x 1024 samples (4 MB of Float32, 5.6 MB of base64): 50 km at 50 m spacing, or 10 km at 10 m. */
export const MAX_TERRAIN_SAMPLES = 1024 * 1024;
/** Lowest and highest ground a sample may have: the Dead Sea shore and above Everest. */
export const MIN_TERRAIN_M = -500;
export const MAX_TERRAIN_M = 9000;

export const terrainSchema = z
  .strictObject({
    /** Where the elevation data comes from and its licence. */
    attribution: z.string().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional(),
    /** The south-west sample (col 0, row 0), metres east and north of `origin`. */
    westM: z.number().min(-100_000, 'must be within -100 km..100 km').max(100_000, 'must be within -100 km..100 km'),
    southM: z.number().min(-100_000, 'must be within -100 km..100 km').max(100_000, 'must be within -100 km..100 km'),
    /** Distance between neighbouring samples, east-west and north-south. */
    spacingM: z.number().min(1, 'must be >= 1 m').max(1000, 'must be at most 1000 m'),
    cols: z.number().int('must be a whole number').min(2, 'must be >= 2').max(4096, 'must be at most 4096'),
    rows: z.number().int('must be a whole number').min(2, 'must be >= 2').max(4096, 'must be at most 4096'),
    /** cols x rows heights in metres AMSL, row by row from the south, west to east: little-endian Float32, base64. */
    heightsF32: z.string().min(1, 'must not be empty'),
  })
  .superRefine((t, ctx) => {
    const n = t.cols * t.rows;
    if (n > MAX_TERRAIN_SAMPLES) {
      ctx.addIssue({
        code: 'custom',
        path: ['cols'],
        message: `the grid has ${t.cols} x ${t.rows} = ${n} samples; at most ${MAX_TERRAIN_SAMPLES} are allowed (use a larger spacingM)`,
      });
      return;
    }
    const heights = decodeHeights(t.heightsF32);
    if (typeof heights === 'string') {
      ctx.addIssue({ code: 'custom', path: ['heightsF32'], message: heights });
      return;
    }
    if (heights.length !== n) {
      ctx.addIssue({ code: 'custom', path: ['heightsF32'], message: `holds ${heights.length} samples; cols x rows needs ${n}` });
      return;
    }
    const bad = heights.findIndex((h) => !(h >= MIN_TERRAIN_M && h <= MAX_TERRAIN_M));
    if (bad >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['heightsF32'],
        message: `sample ${bad} (col ${bad % t.cols}, row ${Math.floor(bad / t.cols)}) is ${heights[bad]} m; heights must be within ${MIN_TERRAIN_M}..${MAX_TERRAIN_M} m AMSL (fill no-data holes before importing)`,
      });
    }
  });
export type Terrain = z.infer<typeof terrainSchema>;
