/** `?watch=true`: a stream of `{"type","object"}` JSON lines fed by store events. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceDef } from './resources.js';
import { gone } from './status.js';
import type { FakeStore, StoreEvent } from './store.js';

export interface WatchRequest {
  def: ResourceDef;
  namespace?: string;
  matches: (obj: any) => boolean;
  resourceVersion?: string;
  timeoutSeconds?: number;
  sendInitialEvents: boolean;
  /** Shapes a stored object the way the requested group version serves it. */
  render: (obj: any) => any;
}

/** `open` collects the stop functions of live watches, so the server can end them on close. */
export function serveWatch(
  store: FakeStore,
  req: IncomingMessage,
  res: ServerResponse,
  w: WatchRequest,
  open: Set<() => void>,
): void {
  const inScope = (o: any) => !w.def.namespaced || !w.namespace || o.metadata?.namespace === w.namespace;
  const sameResource = (e: StoreEvent) => e.def.group === w.def.group && e.def.plural === w.def.plural;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  const send = (type: string, object: unknown) => res.write(JSON.stringify({ type, object }) + '\n');

  const translate = (e: StoreEvent): [string, any] | undefined => {
    if (!sameResource(e) || !inScope(e.object)) return undefined;
    const now = w.matches(e.object);
    if (e.type !== 'MODIFIED') return now ? [e.type, e.object] : undefined;
    const before = e.old !== undefined && w.matches(e.old);
    if (now) return [before ? 'MODIFIED' : 'ADDED', e.object];
    // An object leaving a filtered watch is reported as deleted, as the watch cache does.
    return before ? ['DELETED', e.object] : undefined;
  };

  const rv = w.resourceVersion;
  if (w.sendInitialEvents || !rv || rv === '0') {
    for (const key of store.keys(w.def, w.def.namespaced ? w.namespace : undefined)) {
      const o = store.objectAt(w.def, key);
      if (w.matches(o)) send('ADDED', w.render(o));
    }
    if (w.sendInitialEvents) {
      send('BOOKMARK', {
        kind: w.def.kind,
        apiVersion: w.render({}).apiVersion,
        metadata: { resourceVersion: store.resourceVersion, annotations: { 'k8s.io/initial-events-end': 'true' } },
      });
    }
  } else {
    const since = store.eventsSince(Number(rv));
    if (since === undefined || Number.isNaN(Number(rv))) {
      send('ERROR', gone(`too old resource version: ${rv} (${store.resourceVersion})`).status);
      res.end();
      return;
    }
    for (const e of since) {
      const t = translate(e);
      if (t) send(t[0], w.render(t[1]));
    }
  }

  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    unsubscribe();
    open.delete(stop);
    if (timer) clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const unsubscribe = store.subscribe((e) => {
    const t = translate(e);
    if (t) send(t[0], w.render(t[1]));
  });
  open.add(stop);
  if (w.timeoutSeconds && w.timeoutSeconds > 0) timer = setTimeout(stop, w.timeoutSeconds * 1000);
  res.on('close', stop);
  res.on('error', stop);
}
