/** OpenStreetMap elements as the readers hand them over (XML, Overpass JSON, PBF alike). */

export type OsmTags = Record<string, string>;

export interface OsmNode {
  id: number;
  lat: number;
  lon: number;
  tags?: OsmTags;
}

export interface OsmWay {
  id: number;
  /** Node ids in order (a closed way repeats its first node at the end). */
  refs: number[];
  tags?: OsmTags;
}

export type OsmMemberType = 'node' | 'way' | 'relation';

export interface OsmMember {
  type: OsmMemberType;
  ref: number;
  role: string;
}

export interface OsmRelation {
  id: number;
  members: OsmMember[];
  tags?: OsmTags;
}

/** [west, south, east, north], degrees. */
export type BBox = [number, number, number, number];

/**
 * Where a reader sends the elements of one pass over the file. `wants` tells the reader what this pass
 * needs, so it can skip building the rest (a pass that only collects node positions needs no tags).
 */
export interface OsmHandler {
  readonly wants: { nodes: boolean; nodeTags: boolean; ways: boolean; relations: boolean };
  node(n: OsmNode): void;
  way(w: OsmWay): void;
  relation(r: OsmRelation): void;
  /** The file's own bounds (<bounds> in XML, the header's bbox in PBF), when it states them. */
  bounds?(b: BBox): void;
}

/** A problem with the file itself: where it is (line and column, element) and what is wrong. */
export class OsmReadError extends Error {
  constructor(
    message: string,
    readonly where: string,
  ) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'OsmReadError';
  }
}
