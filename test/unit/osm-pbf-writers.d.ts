/** Types for the protobuf writers the PBF fixture uses (osmFixture.ts); the packages ship none. */
declare module 'pbf' {
  export default class Pbf {
    constructor(buf?: Uint8Array);
    finish(): Uint8Array;
  }
}
declare module 'osm-pbf-parser-node/proto/fileformat.js' {
  import type Pbf from 'pbf';
  export const Blob: { write(obj: unknown, pbf: Pbf): void };
  export const BlobHeader: { write(obj: unknown, pbf: Pbf): void };
}
declare module 'osm-pbf-parser-node/proto/osmformat.js' {
  import type Pbf from 'pbf';
  export const HeaderBlock: { write(obj: unknown, pbf: Pbf): void };
  export const PrimitiveBlock: { write(obj: unknown, pbf: Pbf): void };
}
