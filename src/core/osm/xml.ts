/**
 * OSM XML (`.osm`, JOSM files, the API's and Overpass's XML, also `out geom` with positions on the
 * ways' <nd>s), read chunk by chunk with the `saxes`
 * streaming tokenizer: the file is never held whole. Each finished node, way and relation goes to the
 * handler (only the kinds it wants are built). A file that is not well-formed XML, or an element without
 * a usable id or position, stops the read with the line and column and the element it is in.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { type BBox, type OsmHandler, type OsmMember, type OsmMemberType, OsmReadError, type OsmTags } from './types';

const MEMBER_TYPES = new Set(['node', 'way', 'relation']);

type Open =
  | { kind: 'node'; id: number; lat: number; lon: number; tags?: OsmTags; skip: boolean }
  | { kind: 'way'; id: number; refs: number[]; tags?: OsmTags; skip: boolean }
  | { kind: 'relation'; id: number; members: OsmMember[]; tags?: OsmTags; skip: boolean };

export class OsmXmlReader {
  private parser: SaxesParser;
  private open: Open | undefined;
  private depth = 0;
  private sawRoot = false;
  /** The last top-level element opened, to say where an error is even after it closed. */
  private last = '';
  /** For bytes fed with writeBytes: fatal, so invalid UTF-8 is refused (with where), never replaced. */
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private bytesRead = 0;

  constructor(private readonly handler: OsmHandler) {
    this.parser = new SaxesParser({ position: true });
    this.parser.on('error', (e) => {
      throw new OsmReadError(`not well-formed XML: ${e.message.replace(/^\d+:\d+: /, '')}`, this.where());
    });
    this.parser.on('opentag', (tag) => this.opentag(tag as SaxesTagPlain));
    this.parser.on('closetag', (tag) => this.closetag(tag.name));
  }

  /** Feed the next piece of the text (any split, also inside a tag). */
  write(chunk: string): void {
    this.parser.write(chunk);
  }

  /** Feed the next bytes of the file (UTF-8, any split, also inside a character). */
  writeBytes(chunk: Uint8Array): void {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw new OsmReadError('not UTF-8 text (an OSM XML file is UTF-8)', `within bytes ${this.bytesRead}..${this.bytesRead + chunk.length}`);
    }
    this.bytesRead += chunk.length;
    this.write(text);
  }

  /** The end of the file. */
  close(): void {
    if (this.bytesRead > 0) this.write(this.decoder.decode());
    this.parser.close();
    if (!this.sawRoot) throw new OsmReadError('not an OSM XML file: no <osm> element', this.where());
  }

  private where(): string {
    const o = this.open;
    const at = o ? ` (in <${o.kind} id="${o.id}">)` : this.last ? ` (after ${this.last})` : '';
    return `line ${this.parser.line}, column ${this.parser.column}${at}`;
  }

  private fail(message: string): never {
    throw new OsmReadError(message, this.where());
  }

  private num(attrs: Record<string, string>, name: string, what: string, integer: boolean): number {
    const text = attrs[name];
    const v = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(v) || (integer && !Number.isInteger(v))) {
      this.fail(text === undefined ? `<${what}> has no ${name}` : `<${what}> ${name}="${text}" is not ${integer ? 'a whole number' : 'a number'}`);
    }
    return v;
  }

  private opentag(tag: SaxesTagPlain): void {
    const depth = this.depth++;
    const name = tag.name;
    const a = tag.attributes;
    if (depth === 0) {
      if (name !== 'osm') this.fail(`not an OSM XML file: the root element is <${name}> (expected <osm>)`);
      this.sawRoot = true;
      return;
    }
    const o = this.open;
    if (o) {
      if (o.skip) return;
      if (name === 'tag') {
        if (o.kind === 'node' && !this.handler.wants.nodeTags) return;
        if (a.k === undefined || a.v === undefined) this.fail('<tag> needs k and v');
        (o.tags ??= {})[a.k] = a.v;
      } else if (name === 'nd' && o.kind === 'way') {
        const ref = this.num(a, 'ref', 'nd', true);
        o.refs.push(ref);
        // Overpass `out geom` writes the positions on the way's <nd>s (and may leave the nodes out).
        if (a.lat !== undefined && a.lon !== undefined && this.handler.wants.nodes) {
          this.handler.node({ id: ref, lat: this.num(a, 'lat', 'nd', false), lon: this.num(a, 'lon', 'nd', false) });
        }
      } else if (name === 'member' && o.kind === 'relation') {
        const type = a.type;
        if (!MEMBER_TYPES.has(type)) this.fail(`<member> type="${type ?? ''}" is not node, way or relation`);
        o.members.push({ type: type as OsmMemberType, ref: this.num(a, 'ref', 'member', true), role: a.role ?? '' });
      }
      return;
    }
    if (depth !== 1) return;
    const h = this.handler;
    // JOSM keeps deleted objects in its files, marked; they are not on the map.
    const deleted = a.action === 'delete' || a.visible === 'false';
    this.last = `<${name}${a.id === undefined ? '' : ` id="${a.id}"`}>`;
    if (name === 'node') {
      const skip = deleted || !h.wants.nodes;
      const id = this.num(a, 'id', 'node', true);
      this.open = { kind: 'node', id, lat: 0, lon: 0, skip };
      if (skip) return;
      const lat = this.num(a, 'lat', 'node', false);
      const lon = this.num(a, 'lon', 'node', false);
      if (lat < -90 || lat > 90 || lon < -180 || lon > 180) this.fail(`lat="${a.lat}" lon="${a.lon}" is not a position (lat -90..90, lon -180..180)`);
      this.open.lat = lat;
      this.open.lon = lon;
    } else if (name === 'way') {
      // A pass that wants nodes only still reads ways: their <nd>s may carry positions (out geom).
      this.open = { kind: 'way', id: this.num(a, 'id', 'way', true), refs: [], skip: deleted || (!h.wants.ways && !h.wants.nodes) };
    } else if (name === 'relation') {
      this.open = { kind: 'relation', id: this.num(a, 'id', 'relation', true), members: [], skip: deleted || !h.wants.relations };
    } else if (name === 'bounds' && h.bounds) {
      const b: BBox = [
        this.num(a, 'minlon', 'bounds', false),
        this.num(a, 'minlat', 'bounds', false),
        this.num(a, 'maxlon', 'bounds', false),
        this.num(a, 'maxlat', 'bounds', false),
      ];
      h.bounds(b);
    }
  }

  private closetag(name: string): void {
    const depth = --this.depth;
    const o = this.open;
    if (depth !== 1 || !o || name !== o.kind) return;
    this.open = undefined;
    if (o.skip) return;
    const h = this.handler;
    if (o.kind === 'node') {
      if (!h.wants.nodeTags) h.node({ id: o.id, lat: o.lat, lon: o.lon });
      else h.node(o.tags ? { id: o.id, lat: o.lat, lon: o.lon, tags: o.tags } : { id: o.id, lat: o.lat, lon: o.lon });
    } else if (o.kind === 'way') {
      if (h.wants.ways) h.way(o.tags ? { id: o.id, refs: o.refs, tags: o.tags } : { id: o.id, refs: o.refs });
    } else h.relation(o.tags ? { id: o.id, members: o.members, tags: o.tags } : { id: o.id, members: o.members });
  }
}
