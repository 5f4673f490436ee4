"""The report's inline stylesheet and script (kept apart from the markup builders)."""

PAGE_CSS = """
:root { --ink:#1d232b; --muted:#66707c; --line:#d9dee4; --accent:#2f6fdf; --ok:#1f8a4c; --no:#c0392b; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background:#f6f7f9; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 48px; background: #fff; min-height: 100vh; }
h1 { font-size: 1.35rem; margin: .2rem 0 .8rem; } h2 { font-size: 1.05rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.meta, .muted { color: var(--muted); font-size: .9rem; }
.stats { display: flex; gap: 12px; flex-wrap: wrap; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; min-width: 150px; color: var(--muted); font-size: .85rem; }
.stat b { display: block; font-size: 1.3rem; color: var(--ink); }
.verdict-on_target b { color: var(--ok); } .verdict-long b, .verdict-short b { color: var(--no); }
svg { width: 100%; height: auto; display: block; }
.target-window { fill: #e8f5ec; } .mark { stroke: #2d7a4b; stroke-dasharray: 4 3; } .end { stroke: var(--ink); stroke-width: 2; }
.chart text { font-size: 11px; fill: #333; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.chart .axis-title { fill: var(--muted); } .chart .target-mark { fill: #2d7a4b; } .chart .end-mark { fill: var(--ink); }
.leader { stroke: #8a939e; stroke-width: 1; } .axis, .tick { stroke: #8a939e; } .grid { stroke: #eef0f3; }
.pace-band { fill: #e8f5ec; } .pace-dot { fill: transparent; } .chart .value-label { fill: var(--ink); }
.band { opacity: .75; } .band-recommendation, .band-situation { fill: #8fb4f5; } .band-assumptions, .band-task { fill: #b9a6ef; }
.band-tradeoffs, .band-action { fill: #f5c58f; } .band-operations, .band-result { fill: #8fd9a8; } .band-validation, .band-reflection { fill: #f59fb4; }
.pause-gap { fill: #c4c9d0; } .filler-tick { stroke: #d98200; stroke-width: 2; } .hedge-tick { stroke: #7d4cc2; stroke-width: 2; }
.rec-mark { fill: var(--accent); }
.pace-curve, .trend-line { fill: none; stroke: var(--accent); stroke-width: 2; }
.dot { fill: var(--accent); }
.legend .key { display: inline-block; margin-right: 10px; padding: 0 6px; border-radius: 4px; font-size: .8rem; }
.key.band-recommendation, .key.band-situation { background:#8fb4f5; } .key.band-assumptions, .key.band-task { background:#b9a6ef; }
.key.band-tradeoffs, .key.band-action { background:#f5c58f; } .key.band-operations, .key.band-result { background:#8fd9a8; }
.key.band-validation, .key.band-reflection { background:#f59fb4; } .filler-key { background:#ffe2b3; } .pause-key { background:#c4c9d0; }
.hedge-key { background:#e7dcfa; } .target-key { background:#e8f5ec; } .repeat-key { text-decoration: underline wavy #c0392b; }
.transcript { line-height: 2; } .w { cursor: pointer; border-radius: 3px; padding: 0 1px; } .w:hover { background: #e6efff; }
.filler { background: #ffe2b3; font-weight: 600; } .filler.fp { background: #ffd08a; } .repeat { text-decoration: underline wavy #c0392b; }
.hedge { background: #e7dcfa; font-style: italic; }
.pause-mark { color: var(--muted); font-size: .8rem; background: #eef0f3; border-radius: 4px; padding: 0 4px; }
q { color: var(--muted); display: block; font-style: italic; } q::before, q::after { content: ""; }
.ok { color: var(--ok); } .no { color: var(--no); }
ul { padding-left: 1.2rem; } li { margin: .3rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; }
figure { margin: 0 0 1rem; } figcaption { font-size: .9rem; color: var(--muted); }
audio { width: 100%; }
@media print { body { background: #fff; } main { max-width: none; padding: 0; } audio, #recording { display: none; }
  section { break-inside: avoid; } .w { cursor: auto; }
  /* browsers drop backgrounds when printing unless told the colours carry meaning */
  .filler, .hedge, .repeat, .pause-mark, .legend .key, .band, .target-window, .pause-gap, .pace-band, .stat {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""

PAGE_SCRIPT = """
(function () {
  var audio = document.getElementById("audio");
  document.querySelectorAll(".w[data-start]").forEach(function (word) {
    word.addEventListener("click", function () {
      if (!audio) { return; }
      audio.currentTime = parseFloat(word.dataset.start);
      var playing = audio.play();
      if (playing && playing.catch) { playing.catch(function () {}); }
    });
  });
})();
"""
