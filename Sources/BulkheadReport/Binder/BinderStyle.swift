/// The binder's inline style sheet: readable on screen, clean on paper (`@media print`), no external resources.
enum BinderStyle {
  static let css = """
    :root { --ink: #1d2327; --muted: #5f6b73; --rule: #d5dbe0; --band: #f5f7f9; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, \
    Arial, sans-serif; }
    main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; }
    h1 { font-size: 26px; margin: 0 0 8px; }
    h2 { font-size: 20px; margin: 40px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
    h3 { font-size: 16px; margin: 28px 0 8px; }
    h4 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); }
    a { color: #0b5cad; text-decoration: none; }
    a:hover { text-decoration: underline; }
    code { font: 12px/1.3 "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; background: var(--band); \
    padding: 1px 4px; border-radius: 3px; overflow-wrap: break-word; }
    table { border-collapse: collapse; margin: 8px 0 12px; font-size: 13px; }
    th, td { border: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
    th { background: var(--band); font-weight: 600; }
    .table-wrap { overflow-x: auto; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 8px 0 12px; }
    dl.facts dt { font-weight: 600; color: var(--muted); }
    dl.facts dd { margin: 0; }
    figure.diagram { margin: 12px 0; padding: 8px; border: 1px solid var(--rule); border-radius: 6px; \
    text-align: center; }
    figure.diagram svg { max-width: 100%; height: auto; }
    figure.diagram figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; }
    .missing { color: #8a4b00; background: #fff4e0; padding: 8px; border-radius: 4px; text-align: left; }
    .badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 11px; font-weight: 600; \
    line-height: 18px; white-space: nowrap; background: #eceff1; color: #37474f; }
    .sev-critical { background: #b71c1c; color: #fff; }
    .sev-high { background: #e65100; color: #fff; }
    .sev-medium { background: #f9a825; color: #1d2327; }
    .sev-low { background: #90a4ae; color: #fff; }
    .sev-info { background: #cfd8dc; color: #1d2327; }
    .gap { background: #ffcdd2; color: #8e0000; }
    .met { background: #c8e6c9; color: #1b5e20; }
    .warn { background: #ffe0b2; color: #8a4b00; }
    .muted { background: #eceff1; color: #546e7a; }
    .edge-verified { background: #c8e6c9; color: #1b5e20; }
    .edge-declared-only { background: #e0e0e0; color: #333; }
    .edge-undeclared { background: #ffcdd2; color: #b71c1c; border: 1px dashed #d32f2f; }
    .edge-bypass { background: #b71c1c; color: #fff; }
    .edge-blocked { background: #f5f5f5; color: #757575; border: 1px dotted #9e9e9e; }
    table.matrix td { text-align: center; font: 600 13px/1.3 Menlo, Consolas, "DejaVu Sans Mono", monospace; \
    min-width: 64px; }
    table.matrix td a { color: inherit; display: block; }
    table.matrix th.corner { color: var(--muted); font-weight: 400; }
    .cell-same { background: #fafafa; color: #bbb; }
    .cell-empty { background: #fff; color: #9e9e9e; }
    .cell-agree { background: #c8e6c9; color: #1b5e20; }
    .cell-partial { background: #e3eaf0; color: #37474f; }
    .cell-disagree { background: #ffe0b2; color: #8a4b00; }
    .cell-alarm { background: #d32f2f; color: #fff; }
    .legend span { display: inline-block; padding: 0 6px; border-radius: 3px; margin-right: 4px; }
    ol.toc { columns: 3; }
    @media print {
      @page { size: A4; margin: 14mm; }
      body { font-size: 10pt; }
      main { max-width: none; padding: 0; }
      h2#zones, h2#conduits, h2#pairs, h2#findings, h2#traffic, h2#evidence { break-before: page; }
      h2, h3, h4 { break-after: avoid; }
      a { color: inherit; }
      .table-wrap { overflow: visible; }
      /* Paper does not scroll: long paths and rules may break anywhere rather than shrink the whole page. */
      code { overflow-wrap: anywhere; }
      tr, dl.facts, figure.diagram { break-inside: avoid; }
      .badge, .cell-agree, .cell-partial, .cell-disagree, .cell-alarm, .sev-critical, .sev-high {
        -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """
}
