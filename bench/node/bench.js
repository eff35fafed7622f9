// bench.js (Node.js) - the Node baselines for metrics 3 and 4.
//
//   node bench.js suspend N  an async function awaits N promises, each
//                            resolved from a microtask (queueMicrotask):
//                            one suspend + resume per await; prints ns per
//                            await (suspend_resume_ns)
//   node --expose-gc bench.js tasks N
//                            memory per suspended task: N pending promises
//                            (with their resolve functions), then N async
//                            functions each awaiting its own; prints
//                            "<bytes per task> <bytes per promise>" from RSS
//                            after a full GC, then resolves all of them
'use strict';
const [mode = 'suspend', nArg = '2000000'] = process.argv.slice(2);
const n = Number(nArg);

async function suspend() {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++)
    await new Promise((resolve) => queueMicrotask(resolve));
  const ns = Number(process.hrtime.bigint() - t0);
  console.log((ns / n).toFixed(3));
}

async function tasks() {
  const rss = () => { global.gc(); return process.memoryUsage().rss; };
  const r0 = rss();
  const resolvers = new Array(n), promises = new Array(n);
  for (let i = 0; i < n; i++)
    promises[i] = new Promise((resolve) => { resolvers[i] = resolve; });
  const r1 = rss();
  let finished = 0;
  async function waitOne(p) { const v = await p; finished += v; }
  for (let i = 0; i < n; i++)
    waitOne(promises[i]);
  promises.fill(undefined);      // only the suspended functions hold them now
  const r2 = rss();
  console.log(((r2 - r1) / n).toFixed(1), ((r1 - r0) / n).toFixed(1));
  for (let i = 0; i < n; i++)
    resolvers[i](1);
  await new Promise((resolve) => setImmediate(resolve));
  if (finished !== n) { console.error(`tasks: ${finished} finished`); process.exit(1); }
}

(mode === 'tasks' ? tasks() : suspend()).catch((e) => { console.error(e); process.exit(1); });
