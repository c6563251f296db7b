/// The report's inline style sheet: readable from a phone to a desktop, tables that scroll in
/// their own box, and a print layout.
enum HTMLStyle {
    static let css = """
        :root {
          color-scheme: light;
          --ink: #101828; --muted: #475467; --faint: #667085; --line: #e4e7ec; --wash: #f2f4f7;
          --bg: #f6f7f9; --card: #ffffff; --accent: #1d4ed8;
          --up: #b42318; --down: #067647;
        }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--bg); color: var(--ink);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
          overflow-wrap: break-word;
        }
        .page { max-width: 76rem; margin: 0 auto; padding: 1.75rem 1.25rem 3rem; }
        code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .86em; }
        p code, li code, .facts code { overflow-wrap: anywhere; }
        .masthead { margin-bottom: 1.25rem; }
        .eyebrow { margin: 0; color: var(--accent); font-size: .78rem; font-weight: 650; letter-spacing: .08em; text-transform: uppercase; }
        h1 { margin: .2rem 0 .5rem; font-size: 2rem; line-height: 1.2; letter-spacing: -.01em; }
        h2 { margin: 0 0 .6rem; font-size: 1.2rem; line-height: 1.3; }
        h3 { margin: 1.1rem 0 .4rem; font-size: 1rem; display: flex; flex-wrap: wrap; align-items: center; gap: .25rem .5rem; }
        h3 .muted { font-weight: 400; }
        .lede { margin: 0 0 .75rem; max-width: 60rem; color: var(--muted); font-size: 1.02rem; }
        .facts { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: 0; color: var(--muted); font-size: .875rem; }
        .facts strong { color: var(--ink); font-weight: 600; }
        .toc ol { display: flex; flex-wrap: wrap; gap: .4rem; margin: 1rem 0 0; padding: 0; list-style: none; }
        .toc a {
          display: inline-block; padding: .2rem .7rem; border: 1px solid var(--line); border-radius: 999px;
          background: var(--card); color: var(--accent); font-size: .82rem; text-decoration: none;
        }
        .toc a:hover, .toc a:focus-visible { border-color: var(--accent); }
        section {
          margin: 0 0 1rem; padding: 1.25rem 1.4rem; background: var(--card);
          border: 1px solid var(--line); border-radius: 12px; box-shadow: 0 1px 2px rgba(16, 24, 40, .04);
        }
        .hint { margin: 0 0 .9rem; color: var(--muted); font-size: .875rem; max-width: 62rem; }
        .muted { color: var(--faint); }
        .id { font-weight: 600; white-space: nowrap; }
        .name { color: var(--muted); }
        .up { color: var(--up); font-weight: 600; }
        .down { color: var(--down); font-weight: 600; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .75rem; }
        .card { padding: .8rem 1rem; border: 1px solid var(--line); border-radius: 10px; background: #fcfcfd; min-width: 0; }
        .card .label { color: var(--muted); font-size: .74rem; font-weight: 600; letter-spacing: .05em; text-transform: uppercase; }
        .card .value { margin: .15rem 0; font-size: 1.5rem; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.25; }
        .card .note { color: var(--muted); font-size: .82rem; overflow-wrap: anywhere; }
        .table-scroll { max-width: 100%; overflow-x: auto; margin: 0 0 .5rem; border: 1px solid var(--line); border-radius: 8px; }
        .table-scroll:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
        table { width: 100%; border-collapse: collapse; font-size: .86rem; font-variant-numeric: tabular-nums; }
        caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        th, td { padding: .45rem .7rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        thead th {
          background: var(--wash); color: var(--muted); font-size: .74rem; font-weight: 650;
          letter-spacing: .04em; text-transform: uppercase; white-space: nowrap;
        }
        tbody tr:last-child td { border-bottom: none; }
        tbody tr:hover td { background: #fafbfc; }
        tfoot td { border-top: 2px solid var(--line); border-bottom: none; background: #fcfcfd; }
        .num { text-align: right; white-space: nowrap; }
        table.phases td:first-child { min-width: 14rem; }
        .nowrap { white-space: nowrap; }
        table.indicators th:nth-child(1) { width: 34%; }
        table.indicators th:nth-child(2) { width: 7.5rem; }
        table.indicators th:nth-child(3) { width: 5.5rem; }
        table.indicators td:first-child { min-width: 14rem; }
        table.alarms th:nth-child(1) { width: 22%; }
        table.alarms th:nth-child(2) { width: 7rem; }
        .evidence { display: inline-block; min-width: 18rem; color: var(--muted); }
        .badge {
          display: inline-block; padding: .08rem .5rem; border-radius: 999px; font-size: .72rem; font-weight: 700;
          letter-spacing: .03em; line-height: 1.5; white-space: nowrap;
        }
        .badge.alarm { background: #fee4e2; color: #b42318; }
        .badge.risk { background: #fef0c7; color: #93370d; }
        .badge.ok { background: #dcfae6; color: #067647; }
        .badge.due { background: #dbeafe; color: #1e40af; }
        .badge.muted { background: var(--wash); color: var(--muted); }
        figure.chart { margin: 0 0 1rem; }
        .chart-svg { display: block; width: 100%; height: auto; max-width: 100%; }
        .chart-narrow { display: none; }
        .chart-svg text { fill: var(--ink); font-family: inherit; }
        .chart-svg .tick, .chart-svg .axis-title { fill: var(--muted); }
        .chart-svg .axis-title { font-size: 12px; }
        .chart-svg .total { font-weight: 650; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
        .chart-svg .grid { stroke: #eaecf0; stroke-width: 1; }
        .chart-svg .axis { stroke: #98a2b3; stroke-width: 1.2; }
        .chart-svg .seg { stroke: #fff; stroke-width: .8; }
        .chart-svg .budget { stroke: #101828; stroke-width: 2; fill: none; }
        .chart-svg .boundary { stroke: #475467; stroke-width: 1.2; stroke-dasharray: 3 3; }
        .chart-svg .stripe { fill: #f9fafb; }
        .chart-svg .range { stroke: #667085; stroke-width: 2; }
        .chart-svg .band { fill: #b2ccff; stroke: #1d4ed8; stroke-width: 1; }
        .chart-svg .expected { fill: #101828; stroke: #fff; stroke-width: 1.5; }
        .legend { display: flex; flex-wrap: wrap; gap: .3rem 1.1rem; margin: .6rem 0 0; padding: 0; list-style: none; font-size: .82rem; color: var(--muted); }
        .legend li { display: inline-flex; align-items: center; min-width: 0; overflow-wrap: anywhere; }
        .swatch { display: inline-block; flex: none; width: .8rem; height: .8rem; margin-right: .4rem; border-radius: 3px; vertical-align: -.05rem; }
        .swatch.line { width: 1.6rem; height: 0; border-top: 2px dashed #101828; border-radius: 0; }
        .swatch.line.range { border-top: 2px solid #667085; }
        .swatch.band { background: #b2ccff; border: 1px solid #1d4ed8; border-radius: 2px; }
        .swatch.dot { width: .7rem; height: .7rem; background: #101828; border-radius: 50%; }
        td .swatch { vertical-align: -.1rem; }
        details { margin: .4rem 0; }
        details > summary { cursor: pointer; padding: .35rem 0; color: var(--ink); font-weight: 500; }
        details > summary .summary-total { float: right; font-variant-numeric: tabular-nums; font-weight: 600; }
        details.numbers > summary { color: var(--accent); font-size: .875rem; }
        details.phase-lines { border-bottom: 1px solid var(--line); }
        details.phase-lines[open] { padding-bottom: .6rem; }
        .trigger + .trigger { margin-top: 1.25rem; }
        .trigger .facts { margin-bottom: .6rem; }
        ul.files, ul.notes { margin: 0 0 .8rem; padding-left: 1.2rem; color: var(--muted); font-size: .875rem; }
        ul.files code, ul.notes code { overflow-wrap: anywhere; }
        ol.sources { margin: 0; padding-left: 2.2rem; font-size: .875rem; }
        ol.sources li { padding: .35rem 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
        ol.sources li:last-child { border-bottom: none; }
        ol.sources li:target { background: #fffbeb; }
        ol.sources .key { font-weight: 600; overflow-wrap: anywhere; }
        ol.sources .source { color: var(--muted); }
        footer { margin-top: 1.5rem; color: var(--faint); font-size: .8rem; }
        footer p { margin: 0; }
        @media (max-width: 640px) {
          body { font-size: 14px; }
          .page { padding: 1rem .65rem 2rem; }
          h1 { font-size: 1.5rem; }
          section { padding: .9rem .8rem; border-radius: 10px; }
          .cards { grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .5rem; }
          .card .value { font-size: 1.25rem; }
          th, td { padding: .4rem .55rem; }
          details > summary .summary-total { float: none; margin-left: .4rem; }
          .chart-wide { display: none; }
          .chart-narrow { display: block; }
          table.phases td:first-child, table.indicators td:first-child { min-width: 10rem; }
          table.phases .name { display: block; }
        }
        @page { margin: 14mm 12mm; }
        @media print {
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { background: #fff; font-size: 10pt; }
          .page { max-width: none; padding: 0; }
          .toc { display: none; }
          section { margin: 0 0 6mm; padding: 0; border: none; box-shadow: none; break-inside: auto; }
          h2 { break-after: avoid; border-bottom: 1px solid var(--line); padding-bottom: 1mm; }
          h3 { break-after: avoid; }
          figure.chart, .card, tr { break-inside: avoid; }
          .table-scroll { overflow: visible; border: none; }
          table { font-size: 8pt; }
          th, td { padding: .8mm 1.5mm; }
          td, .num, .nowrap, .id, .evidence { white-space: normal; min-width: 0; }
          thead th { white-space: normal; overflow-wrap: normal; letter-spacing: 0; font-size: 6.5pt; }
          table.phases td:first-child, table.indicators td:first-child { min-width: 0; }
          tbody tr:hover td { background: none; }
          details::details-content { display: contents; content-visibility: visible; }
          details > summary { list-style: none; font-weight: 600; }
          a { color: inherit; text-decoration: none; }
        }

        """
}
