/* leakprobe report: draws the report JSON embedded in this page (format: DEVELOPERS.md, "Report JSON").
 *
 * Safety rule: class names, field names, labels and frames come from heap dumps and may contain markup.
 * They only ever reach the page through text nodes (el() and svg() below) or setAttribute, never parsed as markup. */
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('leakprobe-data').textContent);
  const dumps = arr(data.dumps);
  const isDiff = data.kind === 'diff' && dumps.length > 1;
  const SVG_NS = 'http://www.w3.org/2000/svg'; // a namespace name, not a fetch

  // ---- DOM helpers: strings always become text nodes ----

  function el(tag, attrs, ...children) {
    return build(document.createElement(tag), attrs, children);
  }

  function svg(tag, attrs, ...children) {
    return build(document.createElementNS(SVG_NS, tag), attrs, children);
  }

  function build(node, attrs, children) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function arr(x) { return Array.isArray(x) ? x : []; }
  function num(x) { return typeof x === 'number' && isFinite(x) ? x : null; }
  function last(a) { return a.length ? a[a.length - 1] : undefined; }
  function minus(a, b) { return num(a) === null || num(b) === null ? null : a - b; }

  // ---- Formats ----

  const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

  /** 1536 -> "1.50 KB" (binary units, as the JVM counts). */
  function bytes(n) {
    if (num(n) === null) return '–';
    let v = Math.abs(n), u = 0;
    while (v >= 1024 && u < UNITS.length - 1) { v /= 1024; u++; }
    const text = u === 0 ? String(v) : v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0);
    return (n < 0 ? '−' : '') + text + ' ' + UNITS[u];
  }

  function count(n) { return num(n) === null ? '–' : n.toLocaleString('en-US'); }

  function signed(n, format) {
    if (num(n) === null) return '–';
    return (n > 0 ? '+' : '') + format(n);
  }

  /** A delta as a span coloured by direction: growth is the thing to look at. */
  function delta(n, format) {
    const cls = num(n) === null || n === 0 ? 'delta' : n > 0 ? 'delta up' : 'delta down';
    return el('span', { class: cls }, signed(n, format));
  }

  function when(iso, epochMillis) {
    const d = num(epochMillis) !== null ? new Date(epochMillis) : iso ? new Date(iso) : null;
    if (!d || isNaN(d)) return iso ? String(iso) : '–';
    return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  }

  function clock(epochMillis, withDate) {
    const s = new Date(epochMillis).toISOString();
    return withDate ? s.slice(5, 10) + ' ' + s.slice(11, 19) : s.slice(11, 19);
  }

  /** A lambda's hidden class "a.Foo$$Lambda$136/0x0000000800c02a00" reads "a.Foo$$Lambda": the rest is noise. */
  function withoutLambdaSuffix(name) {
    return name.replace(/\$\$Lambda[$/+].*$/, '$$$$Lambda');
  }

  /** "java.util.HashMap$Node[]" -> package dimmed, simple name in bold. */
  function className(name) {
    const full = String(name ?? '?');
    name = withoutLambdaSuffix(full);
    const bracket = name.indexOf('[');
    const dot = name.lastIndexOf('.', bracket < 0 ? name.length : bracket);
    return el('span', { class: 'cls', title: full },
      dot > 0 ? el('span', { class: 'pkg' }, breakable(name.slice(0, dot + 1))) : null,
      el('b', null, breakable(name.slice(dot + 1))));
  }

  /** "java.util.HashMap$Node" with a line-break chance after each dot and $: a name wraps between identifiers. */
  function breakable(text) {
    return text.split(/(?<=[.$])/).flatMap((piece, i) => i === 0 ? [piece] : [el('wbr'), piece]);
  }

  function simpleName(name) {
    name = withoutLambdaSuffix(String(name ?? '?'));
    const bracket = name.indexOf('[');
    return name.slice(name.lastIndexOf('.', bracket < 0 ? name.length : bracket) + 1);
  }

  function dumpLabel(i) { return '#' + (i + 1); }

  // ---- Sections ----

  /** Runs one section's drawing; a failure is shown in place and logged, and the other sections still draw. */
  function section(id, draw) {
    const node = document.getElementById(id);
    try {
      node.hidden = draw(node) === false;
    } catch (e) {
      node.hidden = false;
      node.appendChild(el('p', { class: 'error' }, 'This part of the report could not be drawn: ' + e));
      console.error(e);
    }
  }

  function drawDumps(node) {
    if (!dumps.length) return false;
    node.append(
      el('p', { class: 'compared' }, isDiff
        ? dumps.length + ' heap dumps of process ' + (dumps[0].pid ?? '?') + ' compared'
        : 'One heap dump analysed'),
      table(['Dump', 'Taken', 'Trigger', numCell('Heap', 'th'), numCell('Off-heap', 'th'), numCell('Objects', 'th'), 'File'],
        dumps.map((d, i) => [dumpLabel(i), when(d.time, d.epochMillis), d.trigger ?? '–', numCell(bytes(d.heapBytes)),
          numCell(bytes(d.offHeapBytes)), numCell(count(d.objects)),
          el('span', null, el('code', null, d.file ?? '?'),
            arr(d.warnings).map((w) => el('span', { class: 'warning' }, '⚠ ' + w)))]),
        'dumps'));
  }

  function drawSuspects(node) {
    const suspects = arr(data.suspects);
    node.appendChild(el('h2', null, 'Suspects'));
    if (!suspects.length) {
      node.appendChild(el('p', { class: 'none' }, isDiff
        ? 'No suspect: nothing kept growing from dump to dump.' : 'No suspect: no object or class holds a large share of the heap.'));
    }
    suspects.forEach((s) => node.appendChild(suspect(s)));
  }

  function suspect(s) {
    const ap = s.accumulationPoint;
    return el('article', { class: 'suspect' },
      el('h3', null, el('span', { class: 'rank' }, '#' + (s.rank ?? '?')), className(s.className),
        isDiff ? delta(s.retainedDelta, bytes) : el('span', { class: 'delta' }, bytes(last(arr(s.retained))))),
      where(s.holder, ap),
      s.description ? el('p', null, s.description) : null,
      accumulated(arr(s.accumulated)),
      s.definedClasses ? loadedClasses() : null,
      el('h4', null, 'Path from the GC root'),
      path(arr(s.path), s.holder, ap, last(arr(s.count))),
      perDump(s),
      s.steadiness && s.steadiness.description ? el('p', { class: 'steady' }, 'Steadiness: ' + s.steadiness.description) : null,
      sites('Allocated at', arr(s.allocationSites), (site) =>
        [num(site.share) !== null ? Math.round(site.share * 100) + '% of samples' : null,
          num(site.samples) !== null ? ' (' + count(site.samples) + ')' : null]),
      sites('Off-heap allocated at', arr(s.offHeapSites), (site) =>
        [site.mapped ? 'file mapped here: ' : null, bytes(site.liveBytes) + ' live',
          num(site.liveCount) !== null ? ' in ' + count(site.liveCount) + ' buffers' : null,
          num(site.sharedBy) > 1 ? "; the pool's site is shared by " + count(site.sharedBy) + ' recorded callers' : null]));
  }

  /**
   * Where to look: the user's own field holding the container ("SessionRegistry.byToken (…SSMS)"), else the holder's
   * field; a holder held by no field (a thread's local, a root) has only its class. The thread at the root, by name.
   */
  function where(h, ap) {
    if (!ap && !h) return null;
    const place = h && h.ownerClassName
      ? [el('code', null, simpleName(h.ownerClassName) + '.' + h.field), ' (', className(h.containerClassName), ')']
      : ap && ap.ownerClassName
        ? [el('code', null, simpleName(ap.ownerClassName) + (ap.field ? '.' + ap.field : '')), ' (', className(ap.className), ')']
        : className(ap ? ap.className : h.containerClassName);
    return el('p', { class: 'where' }, 'Accumulates in ', place,
      h && h.threadName ? [' of thread ', el('code', null, '"' + h.threadName + '"')] : null);
  }

  /** Beside a class-loader leak: classes in each heap, and metaspace from the agent's sidecars where known. */
  function loadedClasses() {
    const rows = [['Classes in the heap', dumps.map((d) => d.classes), count]];
    if (dumps.every((d) => num(d.metaspaceBytes) !== null)) rows.push(['Metaspace', dumps.map((d) => d.metaspaceBytes), bytes]);
    return el('div', { class: 'classes' }, el('h4', null, 'Loaded classes'),
      table(['', ...dumps.map((d, i) => dumpLabel(i))], rows.map(([label, values, format]) =>
        [el('th', { scope: 'row' }, label), ...values.map((v) => format(v))]), 'per-dump'));
  }

  /** What accumulates under the holder, by class: count and retained change, last dump against first. */
  function accumulated(list) {
    if (list.length < 2) return null;
    return el('div', { class: 'accumulated' }, el('h4', null, 'What accumulates there'),
      table(['Class', 'Count', 'Retained'], list.map((a) => [className(a.className), delta(a.countDelta, count),
        delta(a.retainedDelta, bytes)]), 'accumulated'));
  }

  /**
   * The path root first, one step a line: each class followed by the field that leads to the next step. The
   * accumulation point is marked where the verdict names it: the step that reads "Room.members", the holder's owner
   * and its field (not the container's own plumbing, "ArrayList.elementData").
   */
  function path(steps, holder, ap, lastCount) {
    const at = accumulationStep(steps, holder, ap);
    return el('ol', { class: 'path' }, steps.map((step, i) => {
      const next = steps[i + 1];
      const isAccumulation = i === at;
      return el('li', { class: isAccumulation ? 'accumulation' : null },
        className(step.className),
        step.threadName ? el('span', { class: 'thread' }, ' "' + step.threadName + '"') : null,
        next && next.field && fieldText(next.field) ? el('span', { class: 'field' }, fieldText(next.field)) : null,
        !next && num(lastCount) !== null ? el('span', { class: 'times' }, ' ×' + count(lastCount)) : null,
        step.rootKind ? el('span', { class: 'tag' }, 'GC root: ' + step.rootKind) : null,
        isAccumulation ? el('span', { class: 'tag hot' }, 'accumulation point') : null);
    }));
  }

  /** The index of the step whose class owns the field that holds what accumulates; -1 when the path has none. */
  function accumulationStep(steps, holder, ap) {
    const owner = holder && holder.ownerClassName ? holder.ownerClassName : ap && ap.ownerClassName;
    const field = holder && holder.ownerClassName ? holder.field : ap && ap.field;
    if (!owner || !field) return -1;
    for (let i = steps.length - 1; i > 0; i--) {
      const ownerStep = steps[i - 1].className;
      // A static field's owner may be its Class object on paths of older summaries.
      if (steps[i].field === field && (ownerStep === owner || simpleName(ownerStep) === simpleName(owner) ||
        ownerStep === 'java.lang.Class')) return i - 1;
    }
    return -1;
  }

  /** ".rooms" for a field; an array element is left implicit ("Object[] → Session"), an index kept as " [3]". */
  function fieldText(field) {
    field = String(field);
    return field === '[]' ? null : field.startsWith('[') ? ' ' + field : '.' + field;
  }

  /** Count, heap and off-heap retained at every dump, each with its change since the previous dump. */
  function perDump(s) {
    const rows = [['Count', arr(s.count), count], ['Retained heap', arr(s.retained), bytes], ['Off-heap', arr(s.offHeap), bytes]]
      .filter(([, values]) => values.length);
    const header = ['', ...dumps.map((d, i) => dumpLabel(i)), ...(isDiff ? ['Change'] : [])];
    return table(header, rows.map(([label, values, format]) => [
      el('th', { scope: 'row' }, label),
      ...values.map((v, i) => el('span', null, format(v), i > 0 && v !== values[i - 1] ? delta(minus(v, values[i - 1]), format) : null)),
      ...(isDiff ? [delta(minus(last(values), values[0]), format)] : [])]), 'per-dump');
  }

  function sites(title, list, describe) {
    if (!list.length) return null;
    return el('div', { class: 'sites' }, el('h4', null, title),
      el('ul', null, list.map((site) => el('li', null,
        el('span', { class: 'share' }, describe(site)),
        // The first frame of the application's own code (past a pool or container library) is marked.
        el('ol', { class: 'frames' }, arr(site.frames).map((f, i) => el('li', { class: i === site.applicationFrame ? 'app' : null },
          el('code', null, f), i === site.applicationFrame && i > 0 ? el('span', { class: 'tag' }, 'your code') : null)))))));
  }

  // ---- The memory chart: inline SVG. The upper panel: the live set (heap after GC), rss, and what rss is made of
  //      as stacked bands (the ledger, when the rows carry it), cut at rss; the lower panel, on its own scale: the
  //      off-heap parts (direct, mapped, unexplained), which a heap-sized axis would flatten. A dashed mark per dump.

  const LINES = [['heapAfterGc', 'live set (heap after GC)'], ['rss', 'rss (resident, from the OS)'],
    ['heapUsed', 'heap used (garbage included)']];
  const OFF_HEAP = [['directUsed', 'direct buffers'], ['mappedUsed', 'mapped buffers'], ['unexplained', 'unexplained']];
  /** Bottom to top: what the OS measured and the JVM counts exactly first, the upper bounds last (cut first). */
  const PARTS = [['heap', 'heap'], ['direct', 'direct'], ['mapped', 'mapped'], ['metaspace', 'metaspace'],
    ['codeCache', 'code cache'], ['files', 'mapped files (libraries, CDS)'], ['nmt', 'other JVM (NMT)'],
    ['threadStacks', 'thread stacks'], ['unexplained', 'unexplained']];

  function ledger(s) { return s.rssParts && typeof s.rssParts === 'object' ? s.rssParts : null; }

  /** A part's bytes in one sample as the JVM or the OS counts it (the heap resident where the OS says), never < 0. */
  function part(s, key) {
    const p = ledger(s);
    if (!p) return null;
    if (key === 'nmt') {
      return Object.values(p.nmt && typeof p.nmt === 'object' ? p.nmt : {}).reduce((a, v) => a + (num(v) || 0), 0);
    }
    if (key === 'heap') return Math.max(0, num(p.heapResident) ?? num(p.heapCommitted) ?? 0);
    return Math.max(0, num(p[key]) ?? 0);
  }

  /**
   * The bands of one sample, [bottom, top] per part: each part is cut where the stack reaches rss (committed memory
   * not resident yet), and unexplained fills what is left up to rss. {over} is by how much the parts passed rss.
   */
  function bands(s) {
    const rss = num(s.rss);
    let top = 0, over = 0;
    const out = PARTS.slice(0, -1).map(([key]) => {
      const v = part(s, key) || 0;
      const kept = rss === null ? v : Math.min(v, Math.max(0, rss - top));
      over += v - kept;
      const band = [top, top + kept];
      top += kept;
      return band;
    });
    out.push([top, rss === null ? top : Math.max(top, rss)]);
    return { bands: out, over };
  }

  /** Unexplained as the agent wrote it (rss less the parts), or rss less the parts as drawn for an older row. */
  function unexplained(s) {
    const p = ledger(s);
    return p ? num(p.unexplained) : null;
  }

  function offHeapValue(s, key) { return key === 'unexplained' ? unexplained(s) : num(s[key]); }

  function drawTimeline(node) {
    const metrics = data.metrics;
    const samples = arr(metrics && metrics.samples).filter((s) => num(s.epochMillis) !== null);
    if (!samples.length) return false;
    const marks = arr(metrics.dumpEpochMillis).filter((t) => num(t) !== null);
    const hasLedger = samples.some((s) => ledger(s));
    const hasLive = samples.some((s) => num(s.heapAfterGc) !== null);
    const residentHeap = samples.some((s) => ledger(s) && num(ledger(s).heapResident) !== null);
    const times = samples.map((s) => s.epochMillis).concat(marks);
    const t0 = Math.min(...times), t1 = Math.max(...times, t0 + 1);
    const W = 960, L = 72, R = 16;
    const x = (t) => L + (t - t0) / (t1 - t0) * (W - L - R);
    const lines = LINES.filter(([key]) => key !== 'heapAfterGc' || hasLive);

    // Upper panel.
    const stacks = hasLedger ? samples.map((s) => ledger(s) ? bands(s) : null) : [];
    const upper = panel('memory', 300, x, t0, t1, marks,
      samples.flatMap((s) => lines.map(([key]) => num(s[key])))
        .concat(stacks.filter((b) => b).map((b) => last(b.bands)[1])));
    if (hasLedger) drawBands(upper, samples, stacks);
    lines.forEach(([key, label]) => drawLine(upper, samples, (s) => num(s[key]), 'line l-' + key, label));
    drawMarks(upper, marks);

    // Lower panel: off-heap parts on their own scale, when any is there at all.
    const offHeap = OFF_HEAP.filter(([key]) => samples.some((s) => (offHeapValue(s, key) ?? 0) > 0));
    let lower = null;
    if (offHeap.length) {
      lower = panel('offheap', 170, x, t0, t1, marks,
        samples.flatMap((s) => offHeap.map(([key]) => Math.max(0, offHeapValue(s, key) ?? 0))));
      offHeap.forEach(([key, label]) =>
        drawLine(lower, samples, (s) => {
          const v = offHeapValue(s, key);
          return v === null ? null : Math.max(0, v);
        }, 'line l-' + key, label));
      drawMarks(lower, marks);
    }

    const readout = el('p', { class: 'readout' }, 'Point at the chart to read the figures.');
    const read = (chart) => (event) => {
      const box = chart.getBoundingClientRect();
      const t = t0 + ((event.clientX - box.left) / box.width * W - L) / (W - L - R) * (t1 - t0);
      const s = samples.reduce((a, b) => Math.abs(b.epochMillis - t) < Math.abs(a.epochMillis - t) ? b : a);
      const p = ledger(s);
      readout.textContent = clock(s.epochMillis, true) + ' UTC — ' +
        lines.map(([key, label]) => label + ' ' + bytes(s[key])).join(', ') +
        ', direct ' + bytes(s.directUsed) +
        (p ? '; rss is ' + PARTS.map(([key, label]) => label + ' ' +
          bytes(key === 'unexplained' ? p.unexplained : part(s, key))).join(' + ') : '');
    };
    upper.chart.addEventListener('mousemove', read(upper.chart));
    if (lower) lower.chart.addEventListener('mousemove', read(lower.chart));

    const over = stacks.filter((b) => b && b.over > 0);
    const negative = samples.filter((s) => (unexplained(s) ?? 0) < 0).length;
    node.append(...[el('h2', null, 'Memory over time'),
      el('p', { class: 'note' }, hasLive
        ? 'The live set is the heap left after each GC: it climbs when the heap leaks. Heap used rises and falls ' +
          'with garbage not yet collected.'
        : 'These rows carry no heap-after-GC figure (an older agent): heap used, garbage included, is drawn instead.'),
      upper.chart,
      el('ul', { class: 'legend' },
        lines.map(([key, label]) => el('li', null, el('span', { class: 'swatch l-' + key }), label)),
        marks.length ? el('li', null, el('span', { class: 'swatch mark' }), 'heap dump') : null),
      hasLedger ? el('ul', { class: 'legend parts' }, el('li', { class: 'legend-title' }, 'rss is made of:'),
        PARTS.map(([key, label], i) => el('li', null, el('span', { class: 'swatch area a' + i }),
          key === 'heap' ? (residentHeap ? 'heap (resident)' : 'heap (committed)') : label))) : null,
      hasLedger && over.length ? el('p', { class: 'note clipped' }, `At ${over.length} of ${samples.length} samples ` +
        `the JVM's parts add up to more than rss, by up to ${bytes(Math.max(...over.map((b) => b.over)))}: memory ` +
        'committed but not yet resident (thread stacks count whole without Native Memory Tracking' +
        (residentHeap ? '' : ', and the heap counts as committed in rows of an older agent') + '). The bands are cut ' +
        'at rss there, and unexplained is drawn as 0.') : null,
      lower ? el('h3', { class: 'panel-title' }, 'Off the heap, on its own scale') : null,
      lower ? lower.chart : null,
      lower ? el('ul', { class: 'legend' },
        offHeap.map(([key, label]) => el('li', null, el('span', { class: 'swatch l-' + key }), label))) : null,
      lower && negative && offHeap.some(([key]) => key === 'unexplained') ? el('p', { class: 'note' },
        `Unexplained is below zero at ${negative} of ${samples.length} samples (committed parts not yet resident): ` +
        'drawn as 0 there.') : null,
      hasLedger ? el('p', { class: 'note' }, 'A native leak reads as unexplained growing while the live set and ' +
        'direct stay flat.') : null,
      readout].filter((child) => child !== null));
  }

  /** An empty chart with its size grid and time axis, scaled to the values given. */
  function panel(kind, H, x, t0, t1, marks, values) {
    const W = 960, L = 72, R = 16, T = 22, B = 28;
    const present = values.filter((v) => num(v) !== null);
    const max = Math.max(1, ...present);
    const step = niceStep(max);
    const rows = Math.ceil(max / step), yMax = step * rows;
    const y = (v) => T + (1 - v / yMax) * (H - T - B);
    const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', 'data-panel': kind, role: 'img',
      'aria-label': kind === 'memory' ? 'Memory over time' : 'Off-heap memory over time' });
    for (let i = 0; i <= rows; i++) {
      const v = step * i;
      chart.append(svg('line', { class: 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v) }),
        svg('text', { class: 'axis', x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, bytes(v)));
    }
    const withDate = t1 - t0 > 86400000;
    for (let i = 0; i <= 4; i++) {
      const t = t0 + (t1 - t0) * i / 4;
      chart.append(svg('text', { class: 'axis', x: x(t), y: H - 8, 'text-anchor': i === 0 ? 'start' : i === 4 ? 'end' : 'middle' },
        clock(t, withDate)));
    }
    return { chart, x, y, top: T, bottom: H - B };
  }

  /** One line; a null (rss where the OS gives none, a row without the figure) breaks it. */
  function drawLine(p, samples, value, cls, label) {
    let d = '', pen = 'M';
    for (const s of samples) {
      const v = value(s);
      if (v === null || v === undefined) { pen = 'M'; continue; }
      d += `${pen}${p.x(s.epochMillis).toFixed(1)},${p.y(v).toFixed(1)}`;
      pen = 'L';
    }
    if (d) p.chart.appendChild(svg('path', { class: cls, d }, svg('title', null, label)));
  }

  function drawMarks(p, marks) {
    marks.forEach((t, i) => p.chart.appendChild(svg('g', { class: 'dump-mark' },
      svg('line', { x1: p.x(t), x2: p.x(t), y1: p.top - 4, y2: p.bottom }),
      svg('text', { x: p.x(t), y: p.top - 8, 'text-anchor': 'middle' }, dumpLabel(i)),
      svg('title', null, 'dump ' + dumpLabel(i) + ' at ' + clock(t, true)))));
  }

  /** One filled band per part, bottom to top; a sample without the ledger (an older row) breaks every band. */
  function drawBands(p, samples, stacks) {
    const runs = []; // runs of consecutive samples that carry the ledger, as indexes
    let run = [];
    samples.forEach((s, i) => {
      if (stacks[i]) { run.push(i); } else if (run.length) { runs.push(run); run = []; }
    });
    if (run.length) runs.push(run);
    PARTS.forEach(([key, label], k) => {
      let d = '';
      for (const r of runs) {
        const at = (i, edge) => `${p.x(samples[i].epochMillis).toFixed(1)},${p.y(stacks[i].bands[k][edge]).toFixed(1)}`;
        d += 'M' + r.map((i) => at(i, 1)).join('L') + 'L' + r.map((i) => at(i, 0)).reverse().join('L') + 'Z';
      }
      if (d) p.chart.appendChild(svg('path', { class: 'area a' + k, 'data-part': key, d }, svg('title', null, label)));
    });
  }

  /** A grid step of 1, 2, 2.5 or 5 times a power of ten of a binary unit, about five lines up to max. */
  function niceStep(max) {
    const unit = Math.pow(1024, Math.max(0, Math.floor(Math.log(max) / Math.log(1024))));
    const rough = max / 5 / unit, pow = Math.pow(10, Math.floor(Math.log10(rough)));
    return [1, 2, 2.5, 5, 10].find((m) => m * pow >= rough) * pow * unit;
  }

  // ---- Tables ----

  /** A plain table; a cell given as a td or th element is used as it is. */
  function table(header, rows, cls) {
    const cell = (tag) => (c) => c instanceof Element && (c.tagName === 'TD' || c.tagName === 'TH') ? c : el(tag, null, c);
    return el('div', { class: 'scroll' }, el('table', { class: cls },
      el('thead', null, el('tr', null, header.map(cell('th')))),
      el('tbody', null, rows.map((cells) => el('tr', null, cells.map(cell('td')))))));
  }

  function numCell(text, tag) { return el(tag || 'td', { class: 'num' }, text); }

  const ROW_LIMIT = 500;

  /**
   * A table sorted by clicking a column header (again to reverse), with a filter box.
   * Each column: label, value(row) for sorting, cell(row) for display, numeric flag.
   */
  function sortableTable(id, columns, rows, sortBy, filterOf) {
    const state = { column: sortBy, descending: columns[sortBy].numeric, filter: '' };
    const body = el('tbody');
    const note = el('p', { class: 'note' });
    const heads = columns.map((c, i) => {
      const th = el('th', { scope: 'col', tabindex: 0, class: c.numeric ? 'num' : null, title: c.title }, c.label);
      const sortOn = () => {
        state.descending = state.column === i ? !state.descending : c.numeric; // numbers: biggest first
        state.column = i;
        redraw();
      };
      th.addEventListener('click', sortOn);
      th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortOn(); } });
      return th;
    });

    function redraw() {
      const column = columns[state.column];
      const needle = state.filter.toLowerCase();
      const shown = rows.filter((r) => !needle || String(filterOf(r)).toLowerCase().includes(needle));
      shown.sort((a, b) => compare(column.value(a), column.value(b)) * (state.descending ? -1 : 1));
      body.replaceChildren(...shown.slice(0, ROW_LIMIT).map((r) =>
        el('tr', null, columns.map((c) => el('td', { class: c.numeric ? 'num' : null }, c.cell(r))))));
      heads.forEach((th, i) => th.setAttribute('aria-sort',
        i !== state.column ? 'none' : state.descending ? 'descending' : 'ascending'));
      note.textContent = shown.length > ROW_LIMIT ? `Showing ${ROW_LIMIT} of ${shown.length} rows: filter to narrow.`
        : shown.length === rows.length ? rows.length + ' rows' : `${shown.length} of ${rows.length} rows match`;
    }

    const filter = el('input', { type: 'search', placeholder: 'Filter by class name', 'aria-label': 'Filter ' + id });
    filter.addEventListener('input', () => { state.filter = filter.value; redraw(); });
    redraw();
    return [el('div', { class: 'tools' }, filter, note),
      el('div', { class: 'scroll' }, el('table', { class: 'sortable', id: id + '-table' },
        el('thead', null, el('tr', null, heads)), body))];
  }

  /** Numbers numerically, missing values last, text alphabetically. */
  function compare(a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  }

  function numberColumn(label, value, format, title) {
    return { label, title, numeric: true, value: (r) => num(value(r)), cell: (r) => format(value(r)) };
  }

  function deltaColumn(label, value, format, title) {
    return { label, title, numeric: true, value: (r) => num(value(r)), cell: (r) => delta(value(r), format) };
  }

  function drawClasses(node) {
    const rows = arr(data.classes);
    if (!rows.length) return false;
    const first = 0, lastIndex = dumps.length - 1;
    const at = (key, i) => (r) => arr(r[key])[i];
    const nameColumn = { label: 'Class', numeric: false, value: (r) => r.className, cell: (r) => className(r.className) };
    const columns = isDiff ? [nameColumn,
      numberColumn('Count ' + dumpLabel(first), at('count', first), count),
      numberColumn('Count ' + dumpLabel(lastIndex), at('count', lastIndex), count),
      deltaColumn('# Delta', (r) => r.countDelta, count, 'Instances added minus instances gone'),
      numberColumn('Shallow ' + dumpLabel(lastIndex), at('shallow', lastIndex), bytes),
      deltaColumn('Size Delta', (r) => r.shallowDelta, bytes, 'Change of shallow size'),
      numberColumn('Retained ' + dumpLabel(first), at('retained', first), bytes),
      numberColumn('Retained ' + dumpLabel(lastIndex), at('retained', lastIndex), bytes),
      deltaColumn('Retained Delta', (r) => r.retainedDelta, bytes, 'Change of retained size')]
      : [nameColumn, numberColumn('Count', at('count', 0), count), numberColumn('Shallow', at('shallow', 0), bytes),
        numberColumn('Retained', at('retained', 0), bytes)];
    node.append(el('h2', null, 'Classes'), ...sortableTable('classes', columns, rows, columns.length - 1, (r) => r.className));
  }

  function drawDominators(node) {
    const rows = arr(data.dominators);
    if (!rows.length) return false;
    const columns = [
      { label: 'Object', numeric: false, value: (r) => r.label ?? r.className, cell: (r) => el('code', null, r.label ?? r.className ?? '?') },
      { label: 'Class', numeric: false, value: (r) => r.className, cell: (r) => className(r.className) },
      numberColumn('Shallow', (r) => r.shallow, bytes),
      numberColumn('Retained', (r) => r.retained, bytes),
      numberColumn('Off-heap', (r) => r.offHeap, bytes)];
    node.append(el('h2', null, 'Biggest objects (dominator tree)'),
      ...sortableTable('dominators', columns, rows, 3, (r) => (r.label ?? '') + ' ' + (r.className ?? '')));
  }

  function drawOffHeap(node) {
    const off = data.offHeap;
    if (!off) return false;
    const direct = arr(off.direct), mapped = arr(off.mapped), offSites = arr(off.sites);
    if (!direct.length && !mapped.length && !offSites.length) return false;
    node.append(el('h2', null, 'Off-heap memory'),
      table(['', ...dumps.map((d, i) => dumpLabel(i))], [
        [el('th', { scope: 'row' }, 'Direct buffers'), ...direct.map(bytes)],
        [el('th', { scope: 'row' }, 'Mapped buffers'), ...mapped.map(bytes)]], 'per-dump'),
      sites('Direct and mapped buffers allocated at', offSites, (site) => {
        const b = arr(site.liveBytes), c = arr(site.liveCount);
        return [site.mapped ? 'file mapped here: ' : null, bytes(last(b)) + ' live', c.length ? ' in ' + count(last(c)) + ' buffers' : null,
          isDiff && b.length > 1 ? [' ', delta(minus(last(b), b[0]), bytes)] : null];
      }) || el('p', { class: 'none' }, 'No allocation sites: run the agent with track-direct=true to record them.'));
  }

  section('dumps', drawDumps);
  section('suspects', drawSuspects);
  section('timeline', drawTimeline);
  section('classes', drawClasses);
  section('dominators', drawDominators);
  section('offheap', drawOffHeap);
  document.body.setAttribute('data-rendered', 'true'); // the page has drawn everything it could
})();
