namespace ConformanceKit.Reports.Html;

/// <summary>The pages' one inline style sheet: screen and print.</summary>
internal static class ReportStyle
{
    public const string Css = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:80rem}
        h1{font-size:1.5rem;margin:0 0 .25rem} h2{font-size:1.2rem;margin:1.5rem 0 .5rem} .meta{color:#555;margin-bottom:1rem}
        [hidden]{display:none!important}
        nav.toc a{margin-right:1rem}
        table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
        table.counts,table.expect{width:auto} table.counts td,table.counts th{text-align:right} table.counts th:first-child{text-align:left}
        .v{font-weight:600;text-transform:uppercase;font-size:.8rem;padding:.1rem .4rem;border-radius:.25rem;white-space:nowrap}
        .pass{background:#d8f5dd;color:#0b5d1e}.fail{background:#fbd9d9;color:#8a1111}.warn{background:#fdecc8;color:#7a4a00}
        .info{background:#dbe9fb;color:#143f7a}.skip{background:#eee;color:#555}.error{background:#f3d9fb;color:#5d117a}.none{color:#777}
        .baselined{background:#fff;color:#555;border:1px dashed #777}.stale{background:#fff;color:#7a4a00;border:1px dashed #7a4a00}
        .gate{font-size:1.1rem;font-weight:600}.gate.ok{color:#0b5d1e}.gate.no{color:#8a1111}
        details{border:1px solid #ddd;border-radius:.3rem;margin:.5rem 0;padding:.3rem .6rem} summary{cursor:pointer}
        details.check>summary .msg{display:block;color:#444;margin:.15rem 0 0 1rem;overflow-wrap:anywhere}
        details.exchange{margin:.3rem 0;padding:.2rem .5rem} details.exchange>summary{font-family:ui-monospace,monospace;font-size:12px;overflow-wrap:anywhere}
        pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:12px}
        .decisive{border-left:4px solid #8a1111}
        .filters{display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;align-items:center;position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #ddd;z-index:1}
        .filters input[type=search]{min-width:16rem}
        table.matrix td.cell{text-align:center;white-space:nowrap} table.matrix a{text-decoration:none}
        figure.seq{margin:.6rem 0;overflow-x:auto} figure.seq figcaption{color:#444;margin-bottom:.3rem}
        figure.seq svg{font:11px ui-monospace,monospace;display:block}
        figure.seq text{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
        .race h3{font-size:1rem;margin:.8rem 0 .3rem} .race h4{font-size:.95rem;margin:.2rem 0}
        .charts{display:flex;flex-wrap:wrap;gap:1.5rem;margin:.4rem 0} .charts table{width:auto}
        caption{text-align:left;font-weight:600;padding:.2rem 0} .num{text-align:right}
        .bar{display:inline-block;height:.7rem;background:#6b8fc7;vertical-align:middle;min-width:1px}
        tr.off td{background:#fbd9d9} .race code{white-space:nowrap}
        .violation{border-left:4px solid #8a1111;padding-left:.6rem;margin:.8rem 0}
        .track{display:block;width:10rem;height:.4rem;background:#eee;margin-top:.2rem} .track span{display:block;height:100%;background:#8a1111;min-width:2px}
        @media print{
          body{margin:0;max-width:none;font-size:11px} .filters,nav.toc,noscript{display:none!important}
          a{color:inherit;text-decoration:none} h2{break-after:avoid} details,figure.seq,tr{break-inside:avoid}
          figure.seq{overflow:visible} figure.seq svg{max-width:100%;height:auto}
          pre{white-space:pre-wrap;max-height:none} .v{border:1px solid currentColor}
          *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        @media print{details.check.failing::details-content{content-visibility:visible;display:block}}
        """;
}
