/// The vendored front-end files, compiled into the executable (the pages work offline on an intranet: no CDN).
public enum WebAssets {
    /// `/assets/live.js`: subscribes to `/api/live` (Server-Sent Events) and updates the overview's cells and counts
    /// in place, with `textContent` only (never HTML), and flags a subject page whose subject changed.
    public static let liveScript = #"""
    (function () {
      'use strict';
      var status = document.getElementById('live-status');
      function setStatus(text, cls) { if (status) { status.textContent = text; status.className = 'live-status ' + cls; } }
      if (!window.EventSource) { setStatus('不支持实时 no live updates', 'off'); return; }
      function mark(el) { el.classList.add('changed'); setTimeout(function () { el.classList.remove('changed'); }, 2000); }
      function setText(el, text) { if (el && el.textContent !== text) { el.textContent = text; mark(el); } }
      function each(selector, attribute, value, fn) {
        var nodes = document.querySelectorAll(selector);
        for (var i = 0; i < nodes.length; i++) { if (nodes[i].getAttribute(attribute) === value) { fn(nodes[i]); } }
      }
      var source = new EventSource('/api/live');
      // data-live on the badge is set only here: 'connecting' once the stream is opened, 'open' once it answered
      // (the browser tests check it to know this script ran).
      if (status) { status.setAttribute('data-live', 'connecting'); }
      source.addEventListener('open', function () {
        setStatus('实时 live', 'on');
        if (status) { status.setAttribute('data-live', 'open'); }
      });
      source.addEventListener('error', function () { setStatus('重连中 reconnecting', 'off'); });
      source.addEventListener('metric', function (event) {
        var data = JSON.parse(event.data);
        var view = data.indicator, current = view.current;
        each('tr[data-indicator]', 'data-indicator', view.id, function (row) {
          var field = function (name) { return row.querySelector('[data-field="' + name + '"]'); };
          setText(field('value'), current ? current.value : '—');
          setText(field('period'), current ? current.period : '—');
          setText(field('source'), current ? data.sourceLabel : '—');
          setText(field('qualifier'), current && current.qualifier ? current.qualifier : '—');
          setText(field('quality'), data.qualityLabel);
          setText(field('progress'), data.progressLabel);
          var bar = row.querySelector('.bar > span');
          if (bar) { bar.style.width = data.progressWidth + '%'; }
          var line = row.querySelector('svg.trend polyline');
          if (line) { line.setAttribute('points', data.points); }
          row.setAttribute('data-sequence', String(current ? current.sequence : 0));
        });
      });
      source.addEventListener('counts', function (event) {
        var data = JSON.parse(event.data);
        data.grades.forEach(function (g) { each('[data-count]', 'data-count', 'grade|' + g.scheme + '|' + g.grade, function (el) { setText(el, String(g.count)); }); });
        data.tiers.forEach(function (t) { each('[data-count]', 'data-count', 'tier|' + t.tier, function (el) { setText(el, String(t.count)); }); });
      });
      source.addEventListener('subject', function (event) {
        var data = JSON.parse(event.data);
        each('[data-subject]', 'data-subject', data.key, function (el) {
          var note = document.getElementById('stale-note');
          if (note) { note.hidden = false; mark(note); }
        });
      });
    })();
    """#

    /// `/assets/kechuang.css`: one stylesheet for a 1920×1080 wall screen and a laptop.
    public static let styleSheet = #"""
    :root { --fg: #1b2430; --muted: #5b6676; --line: #d8dee6; --accent: #c0392b; --ok: #1e8449; --warn: #b9770e; --bg: #f6f8fa; }
    * { box-sizing: border-box; }
    body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: var(--fg); background: var(--bg); font-size: 15px; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .6rem 1.2rem; background: #12263a; color: #fff; }
    header a { color: #dfe8f1; text-decoration: none; margin-right: 1rem; }
    header a.active { color: #fff; border-bottom: 2px solid #fff; }
    .brand { font-weight: 700; font-size: 1.2rem; }
    small { color: var(--muted); font-weight: normal; }
    header small { color: #a9b8c8; }
    .search input { width: 18rem; padding: .3rem; }
    .live-status { margin-left: auto; font-size: .85rem; padding: .15rem .5rem; border-radius: .8rem; background: #5b6676; }
    .live-status.on { background: var(--ok); }
    main { padding: 1rem 1.2rem; }
    h1 { font-size: 1.5rem; margin: .2rem 0 1rem; }
    h2 { font-size: 1.15rem; margin: 1.2rem 0 .4rem; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(44rem, 1fr)); gap: 1rem; }
    section.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid var(--line); vertical-align: middle; }
    th { font-size: .8rem; color: var(--muted); font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
    .badge { font-size: .75rem; padding: .05rem .35rem; border-radius: .3rem; background: #e8eef5; }
    .badge.reported { background: #e3f2e8; }
    .quality.flagged { color: var(--warn); font-weight: 600; }
    .bar { display: inline-block; width: 5rem; height: .5rem; background: #e8eef5; border-radius: .25rem; vertical-align: middle; }
    .bar > span { display: block; height: 100%; background: var(--ok); border-radius: .25rem; max-width: 100%; }
    svg.trend { color: #2e6da4; vertical-align: middle; }
    .changed { background: #fff3bf; transition: background 1s; }
    .counts { display: flex; flex-wrap: wrap; gap: .6rem; }
    .count { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; }
    .count b { font-size: 1.4rem; display: block; }
    .error { color: var(--accent); }
    .note { background: #fff3bf; padding: .4rem .8rem; border-radius: 6px; }
    ul.gaps li { margin: .2rem 0; }
    @media (min-width: 1800px) { body { font-size: 17px; } }
    """#
}
