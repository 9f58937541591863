namespace GradRetentionNet.Reporting.Html;

/// <summary>The inline style and script every report page carries, so that it needs no network and no other file.</summary>
internal static class PageAssets
{
    public const string Style =
        """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em auto;max-width:1440px;padding:0 1.5em;color:#222;line-height:1.4}
        h1{margin-bottom:.3em}
        h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2.2em}
        h3{margin-top:1.6em}
        nav#contents{background:#f6f8fa;border:1px solid #ddd;border-radius:4px;padding:.4em 1.4em .6em;margin:1em 0;display:inline-block}
        nav#contents .toc-title{font-weight:bold;margin:.3em 0}
        nav#contents ol{margin:.1em 0;padding-left:1.3em}
        dl.facts{display:grid;grid-template-columns:max-content auto;gap:.25em 1.2em;margin:.5em 0}
        dl.facts dt{font-weight:bold}
        dl.facts dd{margin:0}
        .table-box{overflow-x:auto;margin:.6em 0}
        table{border-collapse:collapse;font-size:.9em}
        td,th{border:1px solid #ccc;padding:4px 7px;text-align:left;vertical-align:top}
        th{background:#eee;vertical-align:bottom}
        td{white-space:nowrap}
        td.prose{white-space:normal;min-width:8em}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        th.num{text-align:right}
        tbody tr:nth-child(even){background:#fafafa}
        table.sortable th{cursor:pointer;user-select:none;position:relative;padding-right:1.3em}
        table.sortable th::after{content:"\2195";color:#aaa;position:absolute;right:.4em;bottom:4px}
        table.sortable th[aria-sort=ascending]::after{content:"\25B2";color:#333}
        table.sortable th[aria-sort=descending]::after{content:"\25BC";color:#333}
        td.wins{background:#dff2df}
        td.loses{background:#f8dede}
        td.ties{background:#f0f0f0}
        td a{margin-right:.25em;white-space:nowrap}
        img{max-width:100%;height:auto}
        details>summary{cursor:pointer;color:#444;margin:.4em 0}
        """;

    /// <summary>
    /// Sorts a table.sortable by the column whose header is clicked (or activated with Enter or
    /// space): numeric columns (th.num) by each cell's data-sort value, where "Infinity" is a
    /// missed target and "" a missing value; text columns by their words, numbers within them in
    /// numeric order. The same header again reverses the order. Missing values stay last either way.
    /// </summary>
    public const string SortScript =
        """
        (function () {
          function key(row, column, numeric) {
            var cell = row.cells[column];
            if (!numeric) return cell.textContent.trim();
            var sort = cell.getAttribute('data-sort');
            return sort === null || sort === '' ? NaN : Number(sort);
          }
          function sortBy(table, header, column) {
            var ascending = header.getAttribute('aria-sort') !== 'ascending';
            Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
            header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
            var numeric = header.classList.contains('num');
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (r, s) {
              var a = key(r, column, numeric), b = key(s, column, numeric);
              if (numeric && (isNaN(a) || isNaN(b))) return isNaN(a) - isNaN(b);
              var order = numeric ? (a < b ? -1 : a > b ? 1 : 0)
                                  : a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
              return ascending ? order : -order;
            });
            rows.forEach(function (row) { body.appendChild(row); });
          }
          document.querySelectorAll('table.sortable').forEach(function (table) {
            Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
              header.tabIndex = 0;
              header.addEventListener('click', function () { sortBy(table, header, column); });
              header.addEventListener('keydown', function (e) {
                if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(table, header, column); }
              });
            });
          });
        })();
        """;
}
